package dev.idmap.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code idmap completion}: a bash/zsh completion script for every command and option. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a completion script for bash and zsh.",
            "bash: source <(idmap completion)    zsh: autoload -U +X bashcompinit && bashcompinit; source <(idmap"
                    + " completion)"
        })
public final class CompletionCommand extends IdmapSubcommand {

    @Override
    protected ExitCode execute() {
        out().print(AutoComplete.bash("idmap", spec.root().commandLine()));
        out().flush();
        return ExitCode.OK;
    }
}
