// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using FarQuery.Core;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery serve</c>: the admin socket over an in-process engine, until SIGTERM or SIGINT. It is the
/// admin half of <c>farquery run</c> without a traced app: for tests, and for a sidecar that only answers SQL.</summary>
internal static class ServeCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var workers = new Option<int>("--workers") { Description = "Queries run in parallel", DefaultValueFactory = _ => new AdminServerOptions().Workers };
        var command = new Command("serve", "Serve SQL on the local admin socket until SIGTERM/SIGINT (no tracing)") { workers };
        command.Options.Add(CliOptions.Socket);
        command.Options.Add(CliOptions.Timeout);
        command.Options.Add(CliOptions.MemoryBudget);
        command.SetAction(r => Run(r.GetValue(CliOptions.MemoryBudget), new AdminServerOptions
        {
            SocketPath = r.GetValue(CliOptions.Socket),
            Workers = r.GetValue(workers),
            QueryTimeout = TimeSpan.FromSeconds(r.GetValue(CliOptions.Timeout)),
        }));
        return command;
    }

    private static int Run(long memoryBudgetMib, AdminServerOptions options)
    {
        var context = LocalEngine.NewContext(memoryBudgetMib);
        using var stop = new ManualResetEventSlim();
        void OnSignal(PosixSignalContext c)
        {
            // Handled here: shut down cleanly (remove the socket file) instead of the runtime's default exit.
            c.Cancel = true;
            stop.Set();
        }

        // Registered before the socket exists, so a supervisor that sees the socket can always stop us cleanly.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        AdminServer server;
        try
        {
            server = AdminServer.Start(() => LocalEngine.Create(context), options);
        }
        catch (AdminServerException e)
        {
            Console.Error.WriteLine("Error: " + e.Message);
            return ExitCodes.Usage;
        }

        Console.Error.WriteLine($"farquery: serving SQL on {server.SocketPath} (pid {Environment.ProcessId})");
        stop.Wait();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return ExitCodes.Ok;
    }
}
