package dev.idmap.service.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Reports in an S3-compatible bucket (AWS, MinIO, Ceph...); links are the store's own presigned GET URLs, which
 * carry the file name and content type so that {@code curl -O} and browsers do the right thing.
 */
public final class S3ReportStore implements ReportStore {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;

    public S3ReportStore(S3Client s3, S3Presigner presigner, String bucket, String prefix) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public void put(String key, Path file) {
        s3.putObject(
                b -> b.bucket(bucket).key(prefix + key).contentType(CSV).contentDisposition(disposition(key)),
                RequestBody.fromFile(file));
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(prefix + key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(prefix + key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
    }

    @Override
    public URI link(String key, Duration lifetime, URI callerBase) {
        var presigned = presigner.presignGetObject(p -> p.signatureDuration(lifetime)
                .getObjectRequest(g -> g.bucket(bucket)
                        .key(prefix + key)
                        .responseContentType(CSV)
                        .responseContentDisposition(disposition(key))));
        return URI.create(presigned.url().toString());
    }

    @Override
    public void check() {
        s3.headBucket(b -> b.bucket(bucket));
    }

    private static String disposition(String key) {
        return "attachment; filename=\"" + ReportStore.fileName(key) + "\"";
    }
}
