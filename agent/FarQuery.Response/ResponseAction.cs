// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Response;

/// <summary>One thing a playbook did or would have done: a row of <c>response_actions</c> and a status line.</summary>
/// <param name="UnixTime">When.</param>
/// <param name="Playbook">The playbook's name.</param>
/// <param name="Action">kill or stop_task.</param>
/// <param name="Rule">The alert's rule.</param>
/// <param name="Pid">The process acted on (0 for stop_task).</param>
/// <param name="Outcome">done, dry_run, refused, rate_limited or failed.</param>
/// <param name="Detail">What exactly, or why not.</param>
public sealed record ResponseAction(long UnixTime, string Playbook, string Action, string Rule, int Pid, string Outcome, string Detail);

/// <summary>What the agent can do to its own task; the agent implements it over the tracer and the supervised app.</summary>
public interface IResponseActuator
{
    /// <summary>SIGKILLs <paramref name="pid"/> (and its descendants) if it is still the process the alert was about;
    /// returns the outcome (<c>done</c>, <c>refused</c>, <c>failed</c>) and what was done or why not.</summary>
    (string Outcome, string Detail) Kill(int pid, bool descendants, Alert alert);

    /// <summary>Ends the app (SIGTERM, <paramref name="grace"/>, SIGKILL) and makes the agent exit with
    /// <see cref="ResponseSettings.StopTaskExitCode"/>.</summary>
    (string Outcome, string Detail) StopTask(TimeSpan grace);
}
