// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The orders the kernel may report a new task in: its parent's fork event first (the usual one) or its own stops,
/// exec or exit first (the parent preempted between creating it and stopping; seen on CI as a reaped orphan named
/// after its parent's image).</summary>
public sealed class TracedTasksTests
{
    private const int App = 100, Child = 101;

    private static readonly ProcFacts Shell = new() { Pid = App, Parent = 1, Name = "sh", Exe = "/bin/sh", Cmdline = "sh -c x" };
    private static readonly ProcFacts Sleep = new() { Pid = Child, Parent = App, Name = "sleep", Exe = "/bin/sleep", Cmdline = "sleep 1" };

    [Fact]
    public void Forked_BeforeTheChildStops_ChildHasTheParentsImage()
    {
        var table = new TracedTasks();
        table.AddApp(App);

        var row = table.Forked(App, Child, cloneEvent: false, Shell, Unexpected);

        Assert.NotNull(row);
        Assert.Equal(("sh", App), (row.Name, row.Parent));
        Assert.True(table.TryGetProcess(Child, out var facts));
        Assert.Equal("sh", facts.Name);
        var child = table.Stopped(Child, Unexpected, UnexpectedRead);
        Assert.True(child.Announced);
        Assert.Equal(Child, child.Tgid);
    }

    [Fact]
    public void Forked_AfterTheChildExeced_KeepsTheExecFacts()
    {
        var table = new TracedTasks();
        table.AddApp(App);
        var reads = 0;
        var child = table.Stopped(Child, _ => Child, pid => { reads++; return Fork(pid); });
        Assert.False(child.Announced);
        table.Execed(child, Child);
        table.SetProcess(Child, Sleep);

        var row = table.Forked(App, Child, cloneEvent: false, Shell, Unexpected);

        // The fork row describes the child as forked; the process keeps the image it exec'd, and its exit says so.
        Assert.Equal("sh", row!.Name);
        Assert.True(child.Announced);
        Assert.Equal(1, reads);
        Assert.True(table.Reaped(Child, out var facts));
        Assert.Equal("sleep", facts!.Name);
    }

    [Fact]
    public void Forked_AfterTheChildWasReaped_DoesNotBringItBack()
    {
        var table = new TracedTasks();
        table.AddApp(App);
        table.Stopped(Child, _ => Child, Fork);
        Assert.True(table.Reaped(Child, out var exited));
        Assert.Equal("sh", exited!.Name);

        var row = table.Forked(App, Child, cloneEvent: false, Shell, _ => -1);

        Assert.NotNull(row);
        Assert.DoesNotContain(Child, table.Tids);
        Assert.False(table.TryGetProcess(Child, out _));
    }

    [Fact]
    public void Forked_ThreadReapedBeforeItsCloneEvent_GivesNoRow()
    {
        var table = new TracedTasks();
        table.AddApp(App);
        var thread = table.Stopped(Child, _ => App, UnexpectedRead);
        Assert.Equal(App, thread.Tgid);
        Assert.False(table.Reaped(Child, out _));

        // /proc is gone by now, so only the table can still tell it was a thread.
        Assert.Null(table.Forked(App, Child, cloneEvent: true, Shell, _ => -1));
        Assert.DoesNotContain(Child, table.Tids);
    }

    [Fact]
    public void Forked_CloneOfAThread_GivesNoRowAndJoinsTheGroup()
    {
        var table = new TracedTasks();
        table.AddApp(App);

        Assert.Null(table.Forked(App, Child, cloneEvent: true, Shell, _ => App));

        Assert.Equal(App, table.Stopped(Child, Unexpected, UnexpectedRead).Tgid);
        Assert.False(table.Reaped(Child, out _));
    }

    [Fact]
    public void Execed_ByANonLeaderThread_DropsTheFormerTidAndReturnsItsState()
    {
        var table = new TracedTasks();
        var leader = table.AddApp(App);
        Assert.Null(table.Forked(App, Child, cloneEvent: true, Shell, _ => App));
        var thread = table.Stopped(Child, Unexpected, UnexpectedRead);

        Assert.Same(thread, table.Execed(leader, Child));

        Assert.Equal([App], table.Tids);
        Assert.Equal(App, leader.Tgid);
    }

    [Fact]
    public void Reaped_UnknownTask_IsNotAProcessExit()
    {
        var table = new TracedTasks();

        Assert.False(table.Reaped(4242, out var facts));
        Assert.Null(facts);
    }

    [Fact]
    public void Reaped_App_ReportsItsFacts()
    {
        var table = new TracedTasks();
        table.AddApp(App);
        table.SetProcess(App, Shell);

        Assert.True(table.Reaped(App, out var facts));
        Assert.Same(Shell, facts);
        Assert.Empty(table.Tids);
    }

    [Fact]
    public void Release_HeldChildOnItsForkEvent_ReturnsItOnce()
    {
        var table = new TracedTasks();
        table.AddApp(App);
        var child = table.Stopped(Child, _ => Child, Fork);
        table.Hold(child);
        Assert.Equal(1, table.Held);

        table.Forked(App, Child, cloneEvent: false, Shell, Unexpected);

        Assert.Same(child, table.Release(Child));
        Assert.Null(table.Release(Child));
        Assert.Equal(0, table.Held);
    }

    [Fact]
    public void ReleaseChildrenOf_ParentReapedBeforeItsForkEvent_ReleasesOnlyItsChildren()
    {
        var table = new TracedTasks();
        table.AddApp(App);
        table.Stopped(200, _ => 200, _ => new ProcFacts { Pid = 200, Parent = App, Name = "sh" });
        var child = table.Stopped(Child, _ => Child, Fork);
        var other = table.Stopped(201, _ => 201, _ => new ProcFacts { Pid = 201, Parent = 200, Name = "sh" });
        table.Hold(child);
        table.Hold(other);

        Assert.True(table.Reaped(App, out _));

        Assert.Equal([child], table.ReleaseChildrenOf(App));
        Assert.Empty(table.ReleaseChildrenOf(App));
        Assert.Equal(1, table.Held);
    }

    [Fact]
    public void Reaped_HeldChildKilledBeforeItsForkEvent_IsNoLongerHeld()
    {
        var table = new TracedTasks();
        table.AddApp(App);
        var child = table.Stopped(Child, _ => Child, Fork);
        table.Hold(child);

        Assert.True(table.Reaped(Child, out _));

        Assert.Equal(0, table.Held);
        Assert.Null(table.Release(Child));
    }

    private static ProcFacts Fork(int pid) => new() { Pid = pid, Parent = App, Name = "sh", Exe = "/bin/sh", Ids = ProcessIds.Unknown };

    private static int Unexpected(int tid) => throw new InvalidOperationException("/proc was read for " + tid);

    private static ProcFacts UnexpectedRead(int tid) => throw new InvalidOperationException("/proc was read for " + tid);
}
