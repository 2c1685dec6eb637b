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

        var root = new RootCommand("FarQuery: SQL-queryable security telemetry for containers on AWS Fargate")
        {
            QueryCommand.Create(),
            ShellCommand.Create(),
            TablesCommand.Create(),
            PacksCommand.Create(),
            RunCommand.Create(),
            DemoCommand.Create(),
            InjectCommand.Create(),
            StatusCommand.Create(),
            ServeCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
