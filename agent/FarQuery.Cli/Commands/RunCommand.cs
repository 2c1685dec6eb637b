// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;
using System.Text.Json;
using FarQuery.Core;
using FarQuery.Events.Tracing;
using FarQuery.Sql;
using FarQuery.Tables;
using Microsoft.Win32.SafeHandles;

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery run [options] -- /path/to/app args...</c>: the container entrypoint. Starts the app traced, keeps
/// the SQL host in-process, and exits with the app's exit code.</summary>
internal static class RunCommand
{
    /// <summary>Exit code when not even the exec stub could be spawned (as a shell reports a command it cannot run).</summary>
    private const int SpawnFailed = 127;

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Argument<string[]>("command") { Description = "The app and its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var printEvents = new Option<bool>("--print-events") { Description = "At exit, print every buffered event row to stderr as JSON lines" };
        var readOpens = new Option<bool>("--trace-read-opens") { Description = "Also record read-only opens (every open stops the app: slower)" };
        var captureEnv = new Option<bool>("--capture-env") { Description = "Record each exec's environment in process_events.env" };
        var run = new Command("run", "Run an app as the container's entrypoint, tracing it with ptrace") { command, printEvents, readOpens, captureEnv };
        run.SetAction(r => Run(r.GetValue(command)!, new TracerOptions
        {
            TraceReadOpens = r.GetValue(readOpens),
            CaptureEnvironment = r.GetValue(captureEnv),
        }, r.GetValue(printEvents)));
        return run;
    }

    /// <summary>Runs the app to completion; returns its exit code (128+N if signal N killed it).</summary>
    public static int Run(IReadOnlyList<string> argv, TracerOptions options, bool printEvents)
    {
        var context = new TableContext();
        TracedApp app;
        try
        {
            app = TracedApp.Start(context, new TracerOptions
            {
                StubExecutable = options.StubExecutable,
                TraceReadOpens = options.TraceReadOpens,
                CaptureEnvironment = options.CaptureEnvironment,
                ForwardSignals = true,
                Sink = new TracerSink(context),
            }, argv);
        }
        catch (InvalidOperationException e)
        {
            ExecStub.WriteError("farquery: " + e.Message + "\n");
            return SpawnFailed;
        }

        using (app)
        {
            // The SQL host is built after the app started so it never delays it; the admin socket will query it. Its
            // failure must not end this process: that would take the app down with it (EXITKILL, or PID 1 exiting).
            using var host = TryCreateHost(context);
            var code = app.WaitForExitAsync().GetAwaiter().GetResult();
            if (printEvents)
            {
                try
                {
                    PrintEvents(context);
                }
                catch (IOException)
                {
                    // stderr closed: the exit code still matters more than the dump.
                }
            }

            return code;
        }
    }

    private static SqlHost? TryCreateHost(TableContext context)
    {
        try
        {
            return LocalEngine.Create(context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ExecStub.WriteError("farquery: warning: the SQL engine failed to start (" + e.Message + "); the app keeps running\n");
            return null;
        }
    }

    /// <summary>Writes every buffered event row as one JSON object per line to fd 2 (not System.Console: its terminal
    /// set-up would install a SIGCHLD handler that reaps our tracees when we are PID 1).</summary>
    private static void PrintEvents(TableContext context)
    {
        using var stderr = new FileStream(new SafeFileHandle(2, ownsHandle: false), FileAccess.Write, 1);
        using var json = new Utf8JsonWriter(stderr);
        foreach (var buffer in context.Events.Buffers)
        {
            foreach (var row in buffer.Snapshot())
            {
                json.WriteStartObject();
                json.WriteString("table", buffer.Name);
                for (var i = 0; i < buffer.Schema.Columns.Count; i++)
                {
                    var name = buffer.Schema.Columns[i].Name;
                    switch (row[i])
                    {
                        case null:
                            json.WriteNull(name);
                            break;
                        case long l:
                            json.WriteNumber(name, l);
                            break;
                        case int n:
                            json.WriteNumber(name, n);
                            break;
                        case double d:
                            json.WriteNumber(name, d);
                            break;
                        default:
                            json.WriteString(name, row[i]!.ToString());
                            break;
                    }
                }

                json.WriteEndObject();
                json.Flush();
                json.Reset();
                stderr.WriteByte((byte)'\n');
            }
        }

        stderr.Flush();
    }
}
