package dev.idmap.core.report;

import java.io.IOException;
import java.io.Reader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;

/** The one CSV dialect of idmap's reports: RFC 4180 (CRLF, fields quoted only when they must be), read and written. */
final class Csv {

    static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private Csv() {}

    static CSVPrinter printer(Appendable out) throws IOException {
        return new CSVPrinter(out, FORMAT);
    }

    static CSVParser parser(Reader in) throws IOException {
        return CSVParser.builder().setReader(in).setFormat(FORMAT).get();
    }
}
