// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Ecs.Testing;

namespace FarQuery.Ecs.Tests;

public sealed class EcsMetadataParserTests
{
    private static EcsTask Task(string fixture)
    {
        Assert.True(EcsMetadataParser.TryParseTask(EcsFixtures.Bytes(fixture), out var task, out var error), error);
        return task;
    }

    private static EcsContainer Container(string fixture)
    {
        Assert.True(EcsMetadataParser.TryParseContainer(EcsFixtures.Bytes(fixture), out var container, out var error), error);
        return container;
    }

    [Fact]
    public void TryParseTask_FargateV4_ReadsTaskFields()
    {
        var t = Task("fargate-v4-task.json");
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/MyEmptyCluster", t.Cluster);
        Assert.Equal("MyEmptyCluster", t.ClusterName);
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task/MyEmptyCluster/bfa2636268144d039771334145e490c5", t.TaskArn);
        Assert.Equal("sample-fargate", t.Family);
        Assert.Equal("5", t.Revision);
        Assert.Equal("RUNNING", t.DesiredStatus);
        Assert.Equal("RUNNING", t.KnownStatus);
        Assert.Equal(0.25, t.CpuLimit);
        Assert.Equal(512, t.MemoryLimit);
        Assert.Equal("2023-07-21T15:45:33.532811081Z", t.PullStartedAt);
        Assert.Equal("2023-07-21T15:45:38.541068435Z", t.PullStoppedAt);
        Assert.Null(t.ExecutionStoppedAt);
        Assert.Equal("us-east-1d", t.AvailabilityZone);
        Assert.Equal("FARGATE", t.LaunchType);
        Assert.Null(t.ServiceName);
        Assert.Null(t.VpcId);
        Assert.Equal(new EcsClockDrift(0.446931, "2023-07-21T16:09:17Z", "SYNCHRONIZED"), t.ClockDrift);
        Assert.Equal(261, t.EphemeralStorageUtilized);
        Assert.Equal(20496, t.EphemeralStorageReserved);
        Assert.Null(t.TaskTagsJson);
        Assert.Null(t.ErrorsJson);
        Assert.Equal("us-east-1", t.Arn!.Region);
        Assert.Equal("123456789012", t.Arn.Account);
        Assert.Equal(["curl-image", "fargate-app"], t.Containers.Select(c => c.Name));
    }

    [Fact]
    public void TryParseTask_FargateV4_ReadsContainerFields()
    {
        var c = Task("fargate-v4-task.json").Containers[1];
        Assert.Equal("bfa2636268144d039771334145e490c5-3681984407", c.DockerId);
        Assert.Equal("fargate-app", c.DockerName);
        Assert.Equal("public.ecr.aws/docker/library/httpd:latest", c.Image);
        Assert.Equal("sha256:8059bdd0058510c03ae4c808de8c4fd2c1f3c1b6d9ea75487f1e5caa5ececa02", c.ImageId);
        Assert.StartsWith("{\"com.amazonaws.ecs.cluster\":\"arn:aws:ecs:us-east-1:123456789012:cluster/MyEmptyCluster\",", c.LabelsJson, StringComparison.Ordinal);
        Assert.Contains("\"com.amazonaws.ecs.task-definition-version\":\"5\"}", c.LabelsJson, StringComparison.Ordinal);
        Assert.Equal(2, c.CpuLimit);
        Assert.Null(c.MemoryLimit);
        Assert.Equal("2023-07-21T15:45:44.954460255Z", c.CreatedAt);
        Assert.Equal("NORMAL", c.Type);
        Assert.Null(c.ExitCode);
        var n = Assert.Single(c.Networks);
        Assert.Equal("awsvpc", n.NetworkMode);
        Assert.Equal(["172.31.42.189"], n.IPv4Addresses);
        Assert.Equal(0, n.AttachmentIndex);
        Assert.Equal("0e:98:9f:33:76:d3", n.MacAddress);
        Assert.Equal("172.31.32.0/20", n.IPv4SubnetCidrBlock);
        Assert.Equal(["172.31.0.2"], n.DomainNameServers);
        Assert.Equal(["ec2.internal"], n.DomainNameSearchList);
        Assert.Equal("ip-172-31-42-189.ec2.internal", n.PrivateDnsName);
        Assert.Equal("172.31.32.1/20", n.SubnetGatewayIpv4Address);
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:container/MyEmptyCluster/bfa2636268144d039771334145e490c5/f65b461d-aa09-4acb-a579-9785c0530cbc", c.ContainerArn);
        Assert.Equal("overlayfs", c.Snapshotter);
    }

    [Fact]
    public void TryParseTask_StartingTask_MissingFieldsAreNull()
    {
        var t = Task("fargate-v4-task-2025-pulling.json");
        Assert.Equal("NONE", t.KnownStatus);
        Assert.Equal(2048, t.MemoryLimit);
        var c = Assert.Single(t.Containers);
        Assert.Equal("PULLED", c.KnownStatus);
        Assert.Null(c.CreatedAt);
        Assert.Null(c.StartedAt);
        Assert.Null(c.FinishedAt);
        Assert.Equal(0, c.CpuLimit);
        Assert.Null(c.MemoryLimit);
        Assert.Equal("awslogs", c.LogDriver);
        Assert.Equal("{\"awslogs-create-group\":\"true\",\"awslogs-group\":\"/ecs/profiler-metadata\",\"awslogs-region\":\"us-east-1\",\"awslogs-stream\":\"ecs/profiler-metadata/5261e761e0e2a3d92da3f02c8e5bab1f\",\"max-buffer-size\":\"25m\",\"mode\":\"non-blocking\"}", c.LogOptionsJson);
    }

    [Fact]
    public void TryParseTask_Fargate2021_TakesClockDriftFromContainerAndReadsIpv6()
    {
        var t = Task("fargate-v4-task-2021-ipv6.json");
        Assert.Equal(new EcsClockDrift(0.5458234999999999, "2021-09-07T16:57:44Z", "SYNCHRONIZED"), t.ClockDrift);
        var n = Assert.Single(Assert.Single(t.Containers).Networks);
        Assert.Equal(["2001:dB8:10b:1a00:32bf:a372:d80f:e958"], n.IPv6Addresses);
        Assert.Equal("2600:1f13:10b:1a00::/64", n.IPv6SubnetCidrBlock);
    }

    [Fact]
    public void TryParseTask_Ec2V4_ReadsServiceVpcAndPauseContainer()
    {
        var t = Task("ec2-v4-task.json");
        Assert.Equal("default", t.Cluster);
        Assert.Equal("default", t.ClusterName);
        Assert.Equal("MyService", t.ServiceName);
        Assert.Equal("vpc-1234567890abcdef0", t.VpcId);
        Assert.Equal("EC2", t.LaunchType);
        Assert.Equal("26", t.Revision);
        Assert.Null(t.CpuLimit);
        Assert.Null(t.ClockDrift);
        Assert.Null(t.EphemeralStorageUtilized);
        var pause = t.Containers[0];
        Assert.Equal("~internal~ecs~pause", pause.Name);
        Assert.Equal("CNI_PAUSE", pause.Type);
        Assert.Equal("", pause.ImageId);
        Assert.Equal("RESOURCES_PROVISIONED", pause.KnownStatus);
        Assert.Equal("2020-10-02T00:43:06.31288465Z", t.PullStoppedAt);
    }

    [Fact]
    public void TryParseTask_WithTags_KeepsTagsAsJson()
    {
        var t = Task("ec2-v4-taskWithTags.json");
        Assert.Equal("{\"tag-use\":\"task-metadata-endpoint-test\"}", t.TaskTagsJson);
        Assert.Equal("{\"tag_key\":\"tag_value\"}", t.ContainerInstanceTagsJson);
        Assert.Null(t.ErrorsJson);
    }

    [Fact]
    public void TryParseTask_TagsWithError_KeepsErrorsAndStillParsesTheTask()
    {
        var t = Task("ec2-v4-taskWithTags-error.json");
        Assert.Null(t.TaskTagsJson);
        Assert.Null(t.ContainerInstanceTagsJson);
        Assert.NotNull(t.ErrorsJson);
        Assert.StartsWith("[{\"ErrorField\":\"ContainerInstanceTags\",\"ErrorCode\":\"AccessDeniedException\"", t.ErrorsJson, StringComparison.Ordinal);
        Assert.Contains("\"ErrorField\":\"TaskTags\"", t.ErrorsJson, StringComparison.Ordinal);
        Assert.Contains("\"StatusCode\":400", t.ErrorsJson, StringComparison.Ordinal);
        Assert.Equal("curltest", t.Family);
        Assert.Equal(2, t.Containers.Count);
    }

    [Fact]
    public void TryParseTask_V3_ReadsOldArnAndBareNetworks()
    {
        var t = Task("ec2-v3-task.json");
        Assert.Equal("arn:aws:ecs:us-east-2:012345678910:task/9781c248-0edd-4cdb-9a93-f63cb662a5d3", t.TaskArn);
        Assert.Equal("us-east-2", t.Arn!.Region);
        Assert.Equal("012345678910", t.Arn.Account);
        Assert.Equal("nginx", t.Family);
        Assert.Equal(2, t.Containers.Count);
        var n = Assert.Single(t.Containers[1].Networks);
        Assert.Equal(["10.0.2.106"], n.IPv4Addresses);
        Assert.Null(n.MacAddress);
    }

    [Fact]
    public void TryParseContainer_FargateV4_KeepsNineDigitTimestampsAsSent()
    {
        var c = Container("fargate-v4-container.json");
        Assert.Equal("cd189a933e5849daa93386466019ab50-2495160603", c.DockerId);
        Assert.Equal("111122223333.dkr.ecr.us-west-2.amazonaws.com/curltest:latest", c.Image);

        // DateTimeOffset would round this to 7 digits (…11.4452719); the column keeps what the agent sent.
        Assert.Equal("2020-10-08T20:09:11.44527186Z", c.CreatedAt);
        Assert.Equal(10, c.CpuLimit);
        Assert.Equal(128, c.MemoryLimit);
        Assert.Equal("192.0.2.0/24", c.Networks[0].SubnetGatewayIpv4Address);
    }

    [Fact]
    public void TryParseContainer_Ec2V4AndV3_ReadIds()
    {
        Assert.Equal("2020-10-02T00:15:07.620912337Z", Container("ec2-v4-container.json").CreatedAt);
        Assert.Equal("ecs-nginx-5-nginx-curl-ccccb9f49db0dfe0d901", Container("ec2-v3-container.json").DockerName);
    }

    [Fact]
    public void TryParseContainer_HealthAndPortsAndExit_AreRead()
    {
        var json = """{"DockerId":"x","Health":{"status":"HEALTHY","statusSince":"2021-01-01T00:00:00Z"},"Ports":[{"ContainerPort":80,"Protocol":"tcp"}],"ExitCode":137,"RestartCount":2,"FinishedAt":"2021-01-01T00:00:01.123456789Z"}"""u8;
        Assert.True(EcsMetadataParser.TryParseContainer(json, out var c, out _));
        Assert.Equal("HEALTHY", c.HealthStatus);
        Assert.Equal("[{\"ContainerPort\":80,\"Protocol\":\"tcp\"}]", c.PortsJson);
        Assert.Equal(137, c.ExitCode);
        Assert.Equal(2, c.RestartCount);
        Assert.Equal("2021-01-01T00:00:01.123456789Z", c.FinishedAt);
    }

    [Fact]
    public void TryParseTask_UnexpectedKinds_GiveNullForThatFieldOnly()
    {
        var json = """{"TaskARN":7,"Family":["x"],"Revision":12,"Limits":{"CPU":"0.5","Memory":"x"},"Containers":[1,null,{"Name":"a","Networks":"no","Labels":[]}],"ClockDrift":"?","NewField":{"a":1}}"""u8;
        Assert.True(EcsMetadataParser.TryParseTask(json, out var t, out _));
        Assert.Equal("7", t.TaskArn);
        Assert.Null(t.Arn);
        Assert.Null(t.Family);
        Assert.Equal("12", t.Revision);
        Assert.Equal(0.5, t.CpuLimit);
        Assert.Null(t.MemoryLimit);
        Assert.Null(t.ClockDrift);
        var c = Assert.Single(t.Containers);
        Assert.Equal("a", c.Name);
        Assert.Empty(c.Networks);
        Assert.Null(c.LabelsJson);
    }

    [Fact]
    public void TryParseTask_EmptyObject_GivesAllNulls()
    {
        Assert.True(EcsMetadataParser.TryParseTask("{}"u8, out var t, out _));
        Assert.Null(t.TaskArn);
        Assert.Empty(t.Containers);
    }

    [Theory]
    [InlineData("", "malformed JSON")]
    [InlineData("{\"Cluster\": ", "malformed JSON")]
    [InlineData("{\"Cluster\":\"a\"} trailing", "malformed JSON")]
    [InlineData("<html>500</html>", "malformed JSON")]
    [InlineData("[]", "expected a JSON object, got Array")]
    [InlineData("\"task\"", "expected a JSON object, got String")]
    public void TryParseTask_NotAnObject_FailsWithClearError(string body, string expected)
    {
        Assert.False(EcsMetadataParser.TryParseTask(Encoding.UTF8.GetBytes(body), out var t, out var error));
        Assert.Null(t);
        Assert.StartsWith("task document: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseContainer_Malformed_FailsWithClearError()
    {
        Assert.False(EcsMetadataParser.TryParseContainer("{\"DockerId\":"u8, out _, out var error));
        Assert.StartsWith("container document: malformed JSON", error, StringComparison.Ordinal);
    }
}
