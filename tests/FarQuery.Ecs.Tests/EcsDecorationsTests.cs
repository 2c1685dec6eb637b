// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using FarQuery.Ecs.Testing;

namespace FarQuery.Ecs.Tests;

public sealed class EcsDecorationsTests
{
    private static readonly EcsClientOptions Options = new() { RequestTimeout = TimeSpan.FromSeconds(15), RetryDelay = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public void From_FargateTask_GivesTaskContextAndOwnImage()
    {
        using var server = TmdsServer.Scenario(null, "fargate-v4-task.json");
        using (var task = JsonDocument.Parse(EcsFixtures.Bytes("fargate-v4-task.json")))
        {
            server.Route("", Reply.Text(task.RootElement.GetProperty("Containers")[0].GetRawText()));
        }

        using var client = new EcsMetadataClient(EcsEndpoint.At(server.BaseUrl), Options);
        var d = EcsDecorations.From(client);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["task_arn"] = "arn:aws:ecs:us-east-1:123456789012:task/MyEmptyCluster/bfa2636268144d039771334145e490c5",
                ["cluster"] = "arn:aws:ecs:us-east-1:123456789012:cluster/MyEmptyCluster",
                ["family"] = "sample-fargate",
                ["revision"] = "5",
                ["image"] = "curlimages/curl",
                ["account_id"] = "123456789012",
                ["region"] = "us-east-1",
            },
            d);
    }

    [Fact]
    public void From_CalledPerLogLine_UsesTheCache()
    {
        using var server = TmdsServer.Scenario("ec2-v3-container.json", "ec2-v3-task.json");
        using var client = new EcsMetadataClient(EcsEndpoint.At(server.BaseUrl, 3), Options);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("nrdlngr/nginx-curl", EcsDecorations.From(client)["image"]);
        }

        Assert.Equal(1, server.Hits("/task"));
        Assert.Equal(1, server.Hits(""));
    }

    [Fact]
    public void From_OwnContainerFails_LeavesImageOut()
    {
        using var server = TmdsServer.Scenario(null, "ec2-v4-task.json");
        using var client = new EcsMetadataClient(EcsEndpoint.At(server.BaseUrl), Options);
        var d = EcsDecorations.From(client);
        Assert.False(d.ContainsKey("image"));
        Assert.Equal("default", d["cluster"]);
        Assert.Equal("us-west-2", d["region"]);
    }

    [Fact]
    public void From_OutsideEcs_IsEmpty()
    {
        using var client = EcsMetadataClient.FromEnvironment(_ => null);
        Assert.Empty(EcsDecorations.From(client));
        Assert.Equal(0, client.Requests);
    }

    [Fact]
    public void From_ClosedPort_IsEmptyAndDoesNotThrow()
    {
        using var client = new EcsMetadataClient(EcsEndpoint.At(TmdsServer.ClosedPortUrl()), Options with { Attempts = 1 });
        Assert.Empty(EcsDecorations.From(client));
        Assert.False(client.Status.Available);
    }
}
