package dev.idmap.cli.rewrite;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.idmap.cli.CommandFailure;
import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import dev.idmap.cli.IdmapSubcommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idmap rewrite}: Data Center ids and links in files, replaced with their Cloud counterparts. */
@Command(
        name = "rewrite",
        mixinStandardHelpOptions = true,
        description = {
            "Replaces Data Center ids and links with their Cloud counterparts, in files or from stdin to stdout.",
            "Only what is provably an id of the right type in its context is replaced: links on the source site,"
                    + " JQL clauses, JSON fields and CSV columns named for an entity, customfield_N. Everything else"
                    + " stays as it is; every replacement and every skipped candidate goes to --report."
        },
        footer = {"", "Exit codes: 0 done, 1 a file could not be read or written, 2 bad usage."})
public final class RewriteCommand extends IdmapSubcommand {

    private final Environment environment;

    @Mixin
    SiteOptions sites;

    static final class Output {
        @Option(
                names = {"-o", "--output"},
                paramLabel = "OUT_DIR",
                description = "write the rewritten files here (the originals stay)")
        Path directory;

        @Option(names = "--in-place", description = "rewrite the files themselves")
        boolean inPlace;

        @Option(names = "--dry-run", description = "print a unified diff of what would change; change nothing")
        boolean dryRun;
    }

    @ArgGroup(exclusive = true)
    Output output = new Output();

    @Option(names = "--report", paramLabel = "changes.json", description = "write every decision to this JSON file")
    Path report;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "how to read the input: auto (by file extension), text, json, csv or jql "
                    + "(default: ${DEFAULT-VALUE}; stdin is text unless given)",
            defaultValue = "auto")
    String format;

    @Parameters(paramLabel = "FILE", description = "files or directories (none: stdin to stdout)")
    List<Path> files = new ArrayList<>();

    public RewriteCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected ExitCode execute() {
        var forced = forcedFormat();
        if (!files.isEmpty() && output.directory == null && !output.inPlace && !output.dryRun) {
            throw usage("with files, say where the result goes: -o OUT_DIR, --in-place or --dry-run "
                    + "(no files: stdin to stdout)");
        }
        if (files.isEmpty() && (output.directory != null || output.inPlace)) {
            throw usage("-o and --in-place need FILE arguments; without them the input is stdin and the output stdout");
        }
        var loaded = sites.load(spec);
        var rewriter = new FileRewriter(loaded.mapping(), loaded.links());
        var changes = new ChangeReport();
        var failed = false;
        if (files.isEmpty()) {
            rewriteStdin(rewriter, forced == null ? FileFormat.TEXT : forced, changes);
        } else {
            for (var argument : files) {
                for (var file : expand(argument)) {
                    failed |= !rewriteFile(rewriter, argument, file, forced, changes);
                }
            }
        }
        if (report != null) {
            changes.write(report);
        }
        err().printf(
                        "idmap rewrite: %d file%s, %d replaced, %d skipped%s%n",
                        changes.files(),
                        changes.files() == 1 ? "" : "s",
                        changes.replaced(),
                        changes.skipped(),
                        report != null
                                ? " (every decision in " + report + ")"
                                : changes.skipped() > 0 ? " (see --report)" : "");
        err().flush();
        return failed ? ExitCode.FAILED : ExitCode.OK;
    }

    private void rewriteStdin(FileRewriter rewriter, FileFormat format, ChangeReport changes) {
        String content;
        try {
            content = new String(environment.stdin().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot read stdin: " + e.getMessage());
        }
        var rewritten = rewrite(rewriter, content, format, "<stdin>");
        changes.add("<stdin>", rewritten);
        if (output.dryRun) {
            out().print(diff("<stdin>", content, rewritten.content()));
        } else {
            out().print(rewritten.content());
        }
        out().flush();
    }

    /** @return false when the file could not be read, parsed or written (reported, the others go on) */
    private boolean rewriteFile(
            FileRewriter rewriter, Path argument, Path file, FileFormat forced, ChangeReport changes) {
        try {
            var content = Files.readString(file, StandardCharsets.UTF_8);
            var rewritten = rewrite(rewriter, content, forced != null ? forced : FileFormat.of(file), file.toString());
            changes.add(file.toString(), rewritten);
            if (output.dryRun) {
                out().print(diff(file.toString(), content, rewritten.content()));
            } else if (output.inPlace) {
                if (!rewritten.content().equals(content)) {
                    Files.writeString(file, rewritten.content(), StandardCharsets.UTF_8);
                }
            } else {
                var target = output.directory.resolve(relative(argument, file));
                Files.createDirectories(target.toAbsolutePath().getParent());
                Files.writeString(target, rewritten.content(), StandardCharsets.UTF_8);
            }
            return true;
        } catch (CommandFailure | IOException | UncheckedIOException e) {
            err().println("idmap rewrite: " + file + ": " + message(e));
            return false;
        }
    }

    private static FileRewriter.Rewritten rewrite(
            FileRewriter rewriter, String content, FileFormat format, String name) {
        try {
            return rewriter.rewrite(content, format);
        } catch (JsonRecogniser.NotJson e) {
            throw new CommandFailure(
                    ExitCode.FAILED, e.getMessage() + " (use --format text to treat " + name + " as text)");
        }
    }

    private static String message(Exception e) {
        if (e instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text; left alone";
        }
        var cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return cause instanceof java.nio.file.NoSuchFileException ? "no such file" : cause.getMessage();
    }

    /** The file's path under OUT_DIR: a file argument by its name, a directory argument with its name kept. */
    private static Path relative(Path argument, Path file) {
        if (argument.equals(file)) {
            return file.getFileName();
        }
        var base = argument.toAbsolutePath().normalize();
        var parent = base.getParent();
        return parent == null
                ? base.relativize(file.toAbsolutePath().normalize())
                : parent.relativize(file.toAbsolutePath().normalize());
    }

    private List<Path> expand(Path argument) {
        if (!Files.isDirectory(argument)) {
            return List.of(argument);
        }
        try (Stream<Path> walk = Files.walk(argument)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !argument.relativize(p).toString().startsWith(".git"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot list " + argument + ": " + e.getMessage());
        }
    }

    private FileFormat forcedFormat() {
        if (format.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return FileFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--format must be auto, text, json, csv or jql, not " + format);
        }
    }

    static String diff(String name, String original, String revised) {
        if (original.equals(revised)) {
            return "";
        }
        var before = Arrays.asList(original.split("\n", -1));
        var after = Arrays.asList(revised.split("\n", -1));
        var patch = DiffUtils.diff(before, after);
        var lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, before, patch, 3);
        return String.join("\n", lines) + "\n";
    }
}
