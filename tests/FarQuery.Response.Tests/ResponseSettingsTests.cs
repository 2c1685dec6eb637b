// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Flags;

namespace FarQuery.Response.Tests;

public sealed class ResponseSettingsTests
{
    private static FlagValues Flags(params string[] args) => FlagValues.Defaults.With(FlagSource.CommandLine, FlagParser.Parse(args, "x", appFollows: false).Values);

    [Fact]
    public void Parse_FlagsOnly_EveryAlertToEach()
    {
        var s = ResponseSettings.Parse(null, Flags("--nats_url=nats://127.0.0.1:4222", "--webhook_url=https://hooks.example/x", "--webhook_format=slack"));
        Assert.Empty(s.Errors);
        Assert.Equal(["nats", "webhook"], s.Outputs.Select(o => o.Type));
        Assert.True(s.Outputs[1].Slack);
        Assert.Equal("farquery", s.Outputs[0].SubjectPrefix);
    }

    [Fact]
    public void Parse_FullSection_OutputsAndPlaybooks()
    {
        const string section = """
            {"outputs": {"ops": {"type": "nats", "url": "nats://nats.internal:4222", "subject_prefix": "falco", "token": {"ssm": "/farquery/nats-token"},
                                 "min_priority": "WARNING", "rules": ["Write below*"], "tags": ["mitre_persistence"], "buffer": 50},
                         "slack": {"type": "webhook", "url": "https://hooks.slack.com/services/T/B/X", "format": "slack",
                                   "headers": {"X-Team": "sec"}, "secret_headers": {"Authorization": {"env": "HOOK_TOKEN"}}}},
             "playbooks": {"kill-miners": {"action": "kill", "rules": ["*miner*"], "descendants": true},
                           "stop": {"action": "stop_task", "min_priority": "CRITICAL", "dry_run": true, "grace_seconds": 3}}}
            """;
        var s = ResponseSettings.Parse(section, FlagValues.Defaults);
        Assert.Empty(s.Errors);
        var ops = s.Outputs[0];
        Assert.Equal(("ops", "falco", 50), (ops.Name, ops.SubjectPrefix, ops.Buffer));
        Assert.Equal("/farquery/nats-token", ops.Token!.Ssm);
        Assert.True(ops.Filter.Matches(Alerts.Make()));
        Assert.False(ops.Filter.Matches(Alerts.Make(priority: "NOTICE")));
        Assert.Equal("HOOK_TOKEN", s.Outputs[1].SecretHeaders["Authorization"].Env);
        Assert.Equal([PlaybookAction.Kill, PlaybookAction.StopTask], s.Playbooks.Select(p => p.Action));
        Assert.True(s.Playbooks[0].Descendants);
        Assert.Equal((true, TimeSpan.FromSeconds(3)), (s.Playbooks[1].DryRun, s.Playbooks[1].Grace));
    }

    [Theory]
    [InlineData("""{"outputs": {"x": {"type": "kafka", "url": "nats://h:1"}}}""", "'kafka' is not an output type")]
    [InlineData("""{"outputs": {"x": {"type": "webhook", "url": "http://hooks.example/x"}}}""", "a webhook must be https")]
    [InlineData("""{"outputs": {"x": {"type": "nats", "url": "nats://h:1", "min_priority": "LOUD"}}}""", "'LOUD' is not a Falco priority")]
    [InlineData("""{"outputs": {"x": {"type": "nats", "url": "nats://h:1", "token": "plain-secret"}}}""", "secrets are never written in the config")]
    [InlineData("""{"outputs": {"x": {"type": "nats", "url": "nats://h:1", "colour": "red"}}}""", "unknown key 'colour'")]
    [InlineData("""{"playbooks": {"p": {"action": "reboot"}}}""", "'reboot' is not a playbook action")]
    [InlineData("""{"playbooks": {"p": {"action": "kill", "queries": {"a": "select 1"}}}}""", "only a snapshot playbook takes queries")]
    [InlineData("""{"playbooks": {"p": {"action": "kill", "allow_processes": ["apt"]}}}""", "only a deny playbook takes allow_processes")]
    [InlineData("""{"outputs": []}""", "must be an object")]
    [InlineData("""{"nope": 1}""", "unknown key 'nope'")]
    public void Parse_BadSection_NamedAndLeftOut(string section, string error)
    {
        var s = ResponseSettings.Parse(section, FlagValues.Defaults);
        Assert.Contains(s.Errors, e => e.Contains(error, StringComparison.Ordinal));
        Assert.Empty(s.Outputs);
        Assert.Empty(s.Playbooks);
    }

    [Fact]
    public void Parse_DenyAndSnapshot_TheirOwnSettings()
    {
        var s = ResponseSettings.Parse("""{"playbooks": {"d": {"action": "deny", "rules": ["Write below etc"], "allow_processes": ["dpkg"]}, "s": {"action": "snapshot", "max_rows": 5}, "q": {"action": "snapshot", "queries": {"mine": "select 1"}}}}""", FlagValues.Defaults);
        Assert.Empty(s.Errors);
        Assert.Equal([PlaybookAction.Deny, PlaybookAction.Snapshot, PlaybookAction.Snapshot], s.Playbooks.Select(p => p.Action));
        Assert.Equal(["dpkg"], s.Playbooks[0].AllowProcesses);
        Assert.Equal(5, s.Playbooks[1].MaxRows);
        Assert.Equal(ResponseSettings.DefaultSnapshotQueries, s.Playbooks[1].Queries);
        Assert.Equal([KeyValuePair.Create("mine", "select 1")], s.Playbooks[2].Queries);
    }
}
