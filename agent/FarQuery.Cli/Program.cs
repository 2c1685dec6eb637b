// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;
using FarQuery.Cli.Commands;

namespace FarQuery.Cli;

/// <summary>Entry point of <c>farquery</c>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Stub mode of `farquery run`: the re-executed child installs the seccomp filter and execs the app. Checked before
        // anything else so the stub does as little as possible between being seized and exec.
        if (args.Length > 0 && args[0] == FarQuery.Events.Tracing.ExecStub.Verb)
        {
            return FarQuery.Events.Tracing.ExecStub.Run(args[1..]);
        }

        // `run ... -- app`: the app starts before anything else is parsed or set up (RunCommand.StartEarly).
        if (args.Length > 0 && args[0] == "run" && RunCommand.StartEarly(args) is var (started, agentArgs))
        {
            var parsed = Root(RunCommand.Create(started)).Parse(agentArgs);
            if (parsed.Errors.Count > 0)
            {
                FarQuery.Events.Tracing.ExecStub.WriteError("farquery: ignoring the agent options (" + string.Join("; ", parsed.Errors.Select(e => e.Message))
                    + "); the app runs under the default agent\n");
                return RunCommand.Supervise(started, printEvents: false, agent: null);
            }

            // `run --help -- app` prints the help without running the verb: the app still runs to its end.
            var code = parsed.Invoke();
            return started.Supervised ? code : RunCommand.Supervise(started, printEvents: false, agent: null);
        }

        var root = Root(RunCommand.Create());
        return root.Parse(args).Invoke();
    }

    private static RootCommand Root(Command run) => new("FarQuery: SQL-queryable security telemetry for containers on AWS Fargate")
    {
        QueryCommand.Create(),
        ShellCommand.Create(),
        TablesCommand.Create(),
        PacksCommand.Create(),
        RulesCommand.Create(),
        run,
        DemoCommand.Create(),
        InjectCommand.Create(),
        StatusCommand.Create(),
        ServeCommand.Create(),
    };
}
