// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;
using FarQuery.Cli.Commands;

namespace FarQuery.Cli;

/// <summary>Entry point of <c>farquery</c>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("FarQuery: SQL-queryable security telemetry for containers on AWS Fargate")
        {
            QueryCommand.Create(),
            ShellCommand.Create(),
            TablesCommand.Create(),
            StatusCommand.Create(),
            ServeCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
