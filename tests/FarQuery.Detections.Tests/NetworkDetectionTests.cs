// SPDX-License-Identifier: Apache-2.0
using FarQuery.Detections.Tests.Support;

namespace FarQuery.Detections.Tests;

/// <summary>Detections over socket_events. TCP connects are non-blocking and abandoned at once (the rule keys on the
/// attempt, EINPROGRESS counts as outbound), UDP connects send nothing, so no packet needs to reach anyone.</summary>
public sealed class NetworkDetectionTests
{
    [NativeFact]
    public void PacketSocketCreated_AfPacket_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("packet_socket_created", "./probe packet");
        Assert.Contains(alerts, a => a["family"] == "17" && a["name"] == "probe");
    }

    [NativeFact]
    public void ContactEc2InstanceMetadataService_Connect_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("contact_ec2_instance_metadata_service", "./probe tcp 169.254.169.254 80");
        Assert.Contains(alerts, a => a["remote_address"] == "169.254.169.254" && a["remote_port"] == "80");
    }

    [NativeFact]
    public void ContactEcsTaskMetadataService_UnexpectedProcess_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("contact_ecs_task_metadata_service", "./probe tcp 169.254.170.2 80");
        Assert.Contains(alerts, a => a["remote_address"] == "169.254.170.2" && a["cmdline"] == "./probe tcp 169.254.170.2 80");
    }

    [NativeFact]
    public void DisallowedSshConnectionNonStandardPort_SshTo443_Fires()
    {
        using var s = new Scenario().Probe("ssh");
        var alerts = s.AssertFires("disallowed_ssh_connection_non_standard_port", "./ssh tcp 192.0.2.10 443");
        Assert.Contains(alerts, a => a["remote_port"] == "443" && a["path"] == Path.Join(s.Dir, "ssh"));
    }

    [NativeFact]
    public void UnexpectedUdpTraffic_UdpConnect_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("unexpected_udp_traffic", "./probe udp 192.0.2.10 5000");
        Assert.Contains(alerts, a => a["remote_port"] == "5000" && a["protocol"] == "17");
    }

    [NativeFact]
    public void OutboundConnectionToMinerPoolPort_Connect3333_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("outbound_connection_to_miner_pool_port", "./probe tcp 192.0.2.10 3333");
        Assert.Contains(alerts, a => a["remote_port"] == "3333");
    }
}
