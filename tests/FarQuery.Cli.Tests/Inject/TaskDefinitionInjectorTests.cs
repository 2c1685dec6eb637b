// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;
using FarQuery.Cli.Inject;

namespace FarQuery.Cli.Tests.Inject;

public sealed class TaskDefinitionInjectorTests
{
    private static string Samples => FarQuery.TestSupport.RepoRoot.Join("docker", "samples");


    private static JsonObject Container(JsonNode task, string name) =>
        task["containerDefinitions"]!.AsArray().OfType<JsonObject>().Single(c => c["name"]!.GetValue<string>() == name);

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    [Fact]
    public void Inject_SingleContainer_AddsAgentVolumesFromDependsOnPtraceAndWrapsEntrypoint()
    {
        var output = TaskDefinitionInjector.Inject(File.ReadAllText(Path.Join(Samples, "single-container.json")), new InjectOptions
        {
            Image = "example/farquery:1",
            Environment = [new("FARQUERY_ENROLL_SECRET_SSM_PARAMETER", "/farquery/enroll")],
        });
        var task = JsonNode.Parse(output)!;
        var agent = Container(task, "farquery-agent");
        Assert.False(agent["essential"]!.GetValue<bool>());
        Assert.Equal("example/farquery:1", agent["image"]!.GetValue<string>());

        var web = Container(task, "web");
        Assert.Equal(["/opt/farquery/bin/farquery", "run", "--", "/usr/local/bin/docker-entrypoint.sh"], Strings(web["entryPoint"]));
        Assert.Equal(["node", "server.js"], Strings(web["command"]));
        Assert.Equal(["SYS_PTRACE"], Strings(web["linuxParameters"]!["capabilities"]!["add"]));
        var vf = Assert.Single(web["volumesFrom"]!.AsArray())!;
        Assert.Equal("farquery-agent", vf["sourceContainer"]!.GetValue<string>());
        Assert.True(vf["readOnly"]!.GetValue<bool>());
        Assert.Equal("SUCCESS", Assert.Single(web["dependsOn"]!.AsArray())!["condition"]!.GetValue<string>());
        Assert.Contains(web["environment"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "FARQUERY_ENROLL_SECRET_SSM_PARAMETER");
        Assert.Contains(web["environment"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "NODE_ENV");
        Assert.Equal("awslogs", web["logConfiguration"]!["logDriver"]!.GetValue<string>());
    }

    [Fact]
    public void Inject_SeveralContainersFromDescribeOutput_InstrumentsEachAndStripsReadOnlyFields()
    {
        var task = JsonNode.Parse(TaskDefinitionInjector.Inject(File.ReadAllText(Path.Join(Samples, "multi-container.json")), new InjectOptions()))!;
        Assert.Null(task["taskDefinitionArn"]);
        Assert.Null(task["revision"]);
        Assert.Null(task["compatibilities"]);
        Assert.Equal("shop", task["family"]!.GetValue<string>());

        var api = Container(task, "api");
        Assert.Equal(["/opt/farquery/bin/farquery", "run", "--"], Strings(api["entryPoint"]));
        Assert.Equal(["./api", "--port", "9000"], Strings(api["command"]));

        var worker = Container(task, "worker");
        Assert.Equal(["SYS_PTRACE"], Strings(worker["linuxParameters"]!["capabilities"]!["add"]));
        Assert.Equal(["NET_RAW"], Strings(worker["linuxParameters"]!["capabilities"]!["drop"]));
        Assert.Equal(2, worker["dependsOn"]!.AsArray().Count);
        Assert.Equal(4, task["containerDefinitions"]!.AsArray().Count);
    }

    [Fact]
    public void Inject_AlreadyInjected_ChangesNothing()
    {
        var once = TaskDefinitionInjector.Inject(File.ReadAllText(Path.Join(Samples, "multi-container.json")), new InjectOptions());
        var twice = TaskDefinitionInjector.Inject(once, new InjectOptions());
        Assert.Equal(once, twice);
    }

    [Fact]
    public void Inject_NonFargateCapabilityOnFargate_FailsClearly()
    {
        var json = """{"requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "app", "image": "x", "entryPoint": ["/a"], "linuxParameters": {"capabilities": {"add": ["NET_ADMIN", "SYS_PTRACE"]}}}]}""";
        var e = Assert.Throws<InjectException>(() => TaskDefinitionInjector.Inject(json, new InjectOptions()));
        Assert.Contains("only allows adding SYS_PTRACE", e.Message, StringComparison.Ordinal);
        Assert.Contains("NET_ADMIN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_OldPlatformVersion_FailsClearly()
    {
        var json = """{"requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "app", "image": "x", "entryPoint": ["/a"]}]}""";
        var e = Assert.Throws<InjectException>(() => TaskDefinitionInjector.Inject(json, new InjectOptions { PlatformVersion = "1.3.0" }));
        Assert.Contains("1.4.0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_NoEntrypointStated_NeedsFlag()
    {
        var json = """{"containerDefinitions": [{"name": "app", "image": "x", "command": ["serve"]}]}""";
        var e = Assert.Throws<InjectException>(() => TaskDefinitionInjector.Inject(json, new InjectOptions()));
        Assert.Contains("--entrypoint app=", e.Message, StringComparison.Ordinal);

        var task = JsonNode.Parse(TaskDefinitionInjector.Inject(json, new InjectOptions { EntryPoints = new Dictionary<string, string[]> { ["app"] = ["/docker-entrypoint.sh"] } }))!;
        Assert.Equal(["/opt/farquery/bin/farquery", "run", "--", "/docker-entrypoint.sh"], Strings(Container(task, "app")["entryPoint"]));
        Assert.Equal(["serve"], Strings(Container(task, "app")["command"]));
    }

    [Fact]
    public void Inject_NeitherEntrypointNorCommand_NeedsBothFlags()
    {
        var json = """{"containerDefinitions": [{"name": "app", "image": "x"}]}""";
        var e = Assert.Throws<InjectException>(() => TaskDefinitionInjector.Inject(json, new InjectOptions { EntryPoints = new Dictionary<string, string[]> { ["app"] = [] } }));
        Assert.Contains("--command app=", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_NotJson_FailsClearly()
    {
        var e = Assert.Throws<InjectException>(() => TaskDefinitionInjector.Inject("{nope", new InjectOptions()));
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }
}
