package dev.idmap.cli.client;

import dev.idmap.cli.CommandFailure;
import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code idmap lookup JOB --type T ID…}: Cloud ids of server ids or keys (or the reverse), from a finished job. */
@Command(
        name = "lookup",
        mixinStandardHelpOptions = true,
        description = {
            "Looks ids up in a finished job: server ids or keys (issue keys, user keys, user names, space keys) to"
                    + " Cloud ids, or with --cloud the reverse. Ids from the arguments, from --file, or from stdin"
                    + " (one a line).",
        },
        footer = {"", "Exit codes: 0 every id resolved, 1 some did not (they are listed), 2 bad usage, 4 unreachable."})
public final class LookupCommand extends ClientCommand {

    private static final int BATCH = 1000;

    @Parameters(index = "0", paramLabel = "JOB", description = "the job id")
    String jobId;

    @Parameters(index = "1..*", paramLabel = "ID", description = "ids or keys (none: --file or stdin)")
    List<String> ids = new ArrayList<>();

    @Option(
            names = {"-t", "--type"},
            required = true,
            paramLabel = "ENTITY_TYPE",
            description = "the entity type, e.g. jira:issue, jira/classic:project, confluence:page, identity:user")
    String entityType;

    @Option(names = "--cloud", description = "the ids are Cloud ids; answer the server ids")
    boolean cloud;

    @Option(names = "--file", paramLabel = "FILE", description = "read the ids from this file, one a line")
    Path file;

    public LookupCommand(Environment environment) {
        super(environment);
    }

    @Override
    protected ExitCode run(IdmapClient client) {
        var wanted = new LinkedHashSet<>(ids);
        if (file != null || ids.isEmpty()) {
            wanted.addAll(lines());
        }
        if (wanted.isEmpty()) {
            throw usage("no ids to look up: give them as arguments, with --file, or on stdin");
        }
        var all = new ArrayList<>(wanted);
        var answers = JsonMapper.builder().build().createArrayNode();
        boolean allResolved = true;
        for (int from = 0; from < all.size(); from += BATCH) {
            var answer = client.lookup(jobId, entityType, all.subList(from, Math.min(all.size(), from + BATCH)), cloud);
            answers.add(answer);
            allResolved &= answer.path("notFound").isEmpty()
                    && answer.path("unresolved").isEmpty();
            if (!json) {
                print(answer);
            }
        }
        if (json) {
            printJson(answers.size() == 1 ? answers.get(0) : answers);
        }
        out().flush();
        return allResolved ? ExitCode.OK : ExitCode.FAILED;
    }

    private void print(tools.jackson.databind.JsonNode answer) {
        for (var found : answer.path("mappings")) {
            var from = cloud ? found.path("cloudId") : found.path("serverId");
            var to = cloud ? found.path("serverId") : found.path("cloudId");
            var asked = found.path("lookedUpBy").asString("").equals("serverKey")
                    ? found.path("serverKey").asString()
                    : from.asString();
            out().println(asked + "\t" + to.asString());
        }
        for (var unresolved : answer.path("unresolved")) {
            out().println(unresolved.path("id").asString() + "\t"
                    + unresolved.path("status").asString() + ": "
                    + unresolved.path("reason").asString());
        }
        for (var notFound : answer.path("notFound")) {
            out().println(notFound.asString() + "\tNOT FOUND");
        }
    }

    private List<String> lines() {
        try {
            var text = file != null
                    ? Files.readString(file, StandardCharsets.UTF_8)
                    : new String(environment.stdin().readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new CommandFailure(
                    ExitCode.FAILED, "cannot read " + (file != null ? file : "stdin") + ": " + e.getMessage());
        }
    }
}
