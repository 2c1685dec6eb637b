// SPDX-License-Identifier: Apache-2.0
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

        // `run`: its flags are osquery's and read by the agent's flag model, not by System.CommandLine, and the app
        // starts before anything the flags name is set up (RunCommand.Execute).
        if (args.Length > 0 && args[0] == "run")
        {
            return RunCommand.Execute(args[1..]);
        }

        // `query` in its plain forms: straight to the verb, without building System.CommandLine's tree for every verb
        // (QueryArguments). Everything else, help and errors included, goes through System.CommandLine.
        if (args.Length > 0 && args[0] == "query" && QueryArguments.TryParse(args.AsSpan(1), out var query))
        {
            return RunQuery(query);
        }

        return Root().Parse(args).Invoke();
    }

    private static int RunQuery(QueryArguments query)
    {
        try
        {
            return QueryCommand.Run(query);
        }
        catch (Exception e)
        {
            // What System.CommandLine's default handler does with an exception from an action.
            Console.Error.WriteLine("Unhandled exception: " + e);
            return 1;
        }
    }

    private static RootCommand Root() => new("FarQuery: SQL-queryable security telemetry for containers on AWS Fargate")
    {
        QueryCommand.Create(),
        ShellCommand.Create(),
        TablesCommand.Create(),
        PacksCommand.Create(),
        RulesCommand.Create(),
        RunCommand.HelpEntry(),
        DemoCommand.Create(),
        InjectCommand.Create(),
        StatusCommand.Create(),
        ServeCommand.Create(),
    };
}
