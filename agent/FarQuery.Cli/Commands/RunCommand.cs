// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Tracing;
using Microsoft.Win32.SafeHandles;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery run [flags] -- /path/to/app args...</c>: the container entrypoint. Starts the app traced, keeps
/// the SQL host in-process, and exits with the app's exit code. Its flags are osquery's (docs/flags.md): read once,
/// from the command line, <c>--flagfile</c> and the environment, into one <see cref="FlagValues"/> that every part of
/// the agent reads; the app is spawned before anything the flags name is set up, and a flag FarQuery cannot use costs
/// only itself.</summary>
internal static class RunCommand
{
    /// <summary>How the verb is called.</summary>
    public const string Usage = "farquery run [flags] -- app [args...]";

    /// <summary>The verb as <c>farquery --help</c> lists it; <see cref="Execute"/> handles every call of it.</summary>
    public static System.CommandLine.Command HelpEntry() => new("run", "Run an app as the container's entrypoint, tracing it with ptrace (" + Usage + "; run --help lists the flags)");

    /// <summary><c>farquery run</c> with the words after <c>run</c>: the flags before <c>--</c> (or before the first word
    /// that is not a flag), the app after. Returns the app's exit code.</summary>
    public static int Execute(string[] words)
    {
        var split = Array.IndexOf(words, "--");
        var loaded = split >= 0 ? FlagLoader.Load(words[..split], appFollows: false) : FlagLoader.Load(words, appFollows: true);
        var app = split >= 0 ? words[(split + 1)..] : words[loaded.AppStart..];
        if (app.Length == 0)
        {
            if (loaded.Help)
            {
                WriteHelp();
                return ExitCodes.Ok;
            }

            ExecStub.WriteError($"farquery run: no app to run ({Usage}); farquery run --help lists the flags\n");
            return ExitCodes.Usage;
        }

        var started = AppSupervisor.Start(app, loaded.Values);

        // Everything below happens while the app already runs.
        foreach (var problem in loaded.Problems)
        {
            ExecStub.WriteError("farquery: " + problem + "\n");
        }

        if (FlagLoader.NoEffectNote(loaded.Values) is { } note)
        {
            ExecStub.WriteError("farquery: " + note + "\n");
        }

        if (loaded.Values.Bool(FlagCatalog.Verbose))
        {
            ExecStub.WriteError("farquery: flags: " + string.Join(" ", loaded.Values.Given.Select(f => $"--{f.Name}={loaded.Values.Get(f)} ({loaded.Values.SourceOf(f)})")) + "\n");
        }

        if (loaded.Help)
        {
            // `run --help -- app`: the help, and the app still runs to its end.
            try
            {
                WriteHelp();
            }
            catch (IOException)
            {
                // stdout closed: the app matters more than the help.
            }
        }

        return AppSupervisor.Supervise(started, new AgentOptions { Flags = loaded.Values });
    }

    /// <summary>The help, to fd 1 (not System.Console: its terminal set-up would install a SIGCHLD handler that reaps the
    /// tracees when the agent is PID 1).</summary>
    private static void WriteHelp()
    {
        using var stdout = new StreamWriter(new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1));
        FlagHelp.Write(stdout);
    }
}
