// SPDX-License-Identifier: Apache-2.0
using FarQuery.Detections.Tests.Support;

namespace FarQuery.Detections.Tests;

/// <summary>Detections over the rarer process-level syscalls in process_events (ptrace, memfd_create + exec, setuid,
/// setns, unshare, finit_module), triggered by the C probe.</summary>
public sealed class SyscallDetectionTests
{
    [NativeFact]
    public void PtraceAttachedToProcess_Attach_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("ptrace_attached_to_process", "./probe attach");
        Assert.Contains(alerts, a => a["detail"]!.StartsWith("request=16 ", StringComparison.Ordinal) || a["detail"]!.Contains("ATTACH", StringComparison.Ordinal));
    }

    [NativeFact]
    public void PtraceAntiDebug_Traceme_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("ptrace_anti_debug", "./probe traceme");
        Assert.Contains(alerts, a => a["name"] == "probe" && a["parent_name"] == "sh");
    }

    [NativeFact]
    public void FilelessExecutionViaMemfd_ExecMemfd_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("fileless_execution_via_memfd", "./probe memfd");
        Assert.Contains(alerts, a => a["path"]!.StartsWith("/memfd:payload", StringComparison.Ordinal));
    }

    [NativeFact]
    public void LinuxKernelModuleInjection_FinitModule_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("linux_kernel_module_injection", "./probe module");
        Assert.Contains(alerts, a => a["syscall"] == "finit_module");
    }

    [RootNativeFact]
    public void NonSudoSetuid_SetuidAfterDroppingRoot_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("non_sudo_setuid", "./probe setuid");
        Assert.Contains(alerts, a => a["uid"] == "65534");
    }

    [NativeFact]
    public void ChangeThreadNamespace_Setns_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("change_thread_namespace", "./probe setns");
        Assert.Contains(alerts, a => a["name"] == "probe");
    }

    [NativeFact]
    public void ChangeNamespacePrivilegesViaUnshare_Unshare_Fires()
    {
        using var s = new Scenario().Probe();
        var alerts = s.AssertFires("change_namespace_privileges_via_unshare", "./probe unshare");
        Assert.Contains(alerts, a => a["name"] == "probe");
    }
}
