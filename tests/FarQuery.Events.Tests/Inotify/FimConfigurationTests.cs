// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Events.Inotify;

namespace FarQuery.Events.Tests.Inotify;

public sealed class FimConfigurationTests
{
    [Fact]
    public void FromOsqueryJson_ReferenceExample_ReadsAllThreeKeys()
    {
        using var doc = JsonDocument.Parse("""
            {
              "options": {"host_identifier": "hostname"},
              "file_paths": {"etc": ["/etc/%%"], "homes": ["/root/.ssh/%%", "/home/%/.ssh/%%"], "tmp": ["/tmp/%%"]},
              "exclude_paths": {"homes": ["/home/not_to_monitor/.ssh/%%"], "tmp": ["/tmp/too_many_events/"]},
              "file_accesses": ["homes", "etc"]
            }
            """);
        var c = FimConfiguration.FromOsqueryJson(doc.RootElement);
        Assert.Equal(["/etc/%%"], c.FilePaths["etc"]);
        Assert.Equal(["/root/.ssh/%%", "/home/%/.ssh/%%"], c.FilePaths["homes"]);
        Assert.Equal(["/tmp/too_many_events/"], c.ExcludePaths["tmp"]);
        Assert.True(c.FileAccesses.SetEquals(["homes", "etc"]));
    }

    [Fact]
    public void FromOsqueryJson_WrongShapes_Skipped()
    {
        using var doc = JsonDocument.Parse("""{"file_paths": {"a": "/not/a/list", "b": [1, "/ok", ""]}, "file_accesses": "x"}""");
        var c = FimConfiguration.FromOsqueryJson(doc.RootElement);
        Assert.False(c.FilePaths.ContainsKey("a"));
        Assert.Equal(["/ok"], c.FilePaths["b"]);
        Assert.Empty(c.FileAccesses);
    }

    [Fact]
    public void AddPath_Duplicate_KeptOnce()
    {
        var c = new FimConfiguration().AddPath("etc", "/etc/%%").AddPath("etc", "/etc/%%");
        Assert.Single(c.FilePaths["etc"]);
    }
}
