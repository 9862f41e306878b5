package dev.idmap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The directory a command writes into, checked before any work so that a mistake costs no crawl. */
final class OutputDirectory {

    private OutputDirectory() {}

    /** Creates the directory if needed; a file in its place, or one that cannot be created or written, is a usage error. */
    static Path prepare(CommandLine commandLine, Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new ParameterException(commandLine, "-o " + directory + " is a file, not a directory");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ParameterException(
                    commandLine, "-o " + directory + ": cannot create the directory (" + Failures.describe(e) + ")");
        }
        if (!Files.isWritable(directory)) {
            throw new ParameterException(commandLine, "-o " + directory + ": the directory is not writable");
        }
        return directory;
    }
}
