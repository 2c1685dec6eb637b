// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;
using System.Text.Json;
using FarQuery.Cli.Agent;
using FarQuery.Core;
using FarQuery.Events;
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
        var configPath = new Option<string?>("--config_path") { Description = "osquery config (JSON: options, schedule, packs, decorators, file_paths); default: the embedded detection packs" };
        var loggerPath = new Option<string?>("--logger_path") { Description = "Also write result and status logs to rotated files in this directory" };
        var noStdout = new Option<bool>("--disable_stdout_logging") { Description = "Do not write result lines to stdout" };
        var run = new Command("run", "Run an app as the container's entrypoint, tracing it with ptrace") { command, printEvents, readOpens, captureEnv, configPath, loggerPath, noStdout, CliOptions.Socket };
        run.SetAction(r => Run(r.GetValue(command)!, new TracerOptions
        {
            TraceReadOpens = r.GetValue(readOpens),
            CaptureEnvironment = r.GetValue(captureEnv),
        }, r.GetValue(printEvents), new AgentOptions
        {
            ConfigPath = r.GetValue(configPath),
            LoggerPath = r.GetValue(loggerPath),
            NoStdoutLog = r.GetValue(noStdout),
            SocketPath = r.GetValue(CliOptions.Socket),
        }));
        return run;
    }

    /// <summary>Runs the app to completion; returns its exit code (128+N if signal N killed it).</summary>
    public static int Run(IReadOnlyList<string> argv, TracerOptions options, bool printEvents, AgentOptions? agent = null)
    {
        var context = new TableContext();
        var writes = new RecentWrites();
        context.Services.Set(writes);
        TracedApp app;
        try
        {
            app = TracedApp.Start(context, new TracerOptions
            {
                StubExecutable = options.StubExecutable,
                TraceReadOpens = options.TraceReadOpens,
                CaptureEnvironment = options.CaptureEnvironment,
                ForwardSignals = true,
                Sink = new AttributingTraceSink(new TracerSink(context), writes),
            }, argv);
        }
        catch (InvalidOperationException e)
        {
            ExecStub.WriteError("farquery: " + e.Message + "\n");
            return SpawnFailed;
        }

        using (app)
        {
            // The agent side starts after the app so it never delays it; its failures only cost telemetry.
            using var runtime = AgentRuntime.Start(context, agent ?? new AgentOptions(), m => ExecStub.WriteError(m + "\n"));
            var code = app.WaitForExitAsync().GetAwaiter().GetResult();
            runtime.Drain();
            if (printEvents)
            {
                PrintEvents(context);
            }

            return code;
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
