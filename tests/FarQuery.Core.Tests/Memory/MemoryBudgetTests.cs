// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core.Memory;

namespace FarQuery.Core.Tests.Memory;

public sealed class MemoryBudgetTests
{
    [Theory]
    [InlineData(0L, 150L << 20)]
    [InlineData(512L << 20, 76L << 20)]
    [InlineData(1L << 30, 150L << 20)]
    [InlineData(32L << 20, 16L << 20)]
    public void SizeFor_ContainerLimit_TakesSmallerOfShareAndCap(long limit, long expected)
    {
        // 15% of 512 MiB is 76.8 MiB; below the floor (16 MiB) the floor wins.
        Assert.InRange(MemoryBudget.SizeFor(limit), expected, expected + (1 << 20));
    }

    [Fact]
    public void Shares_AddUpToTheBudget()
    {
        var budget = new MemoryBudget(64L << 20, "test");
        Assert.Equal(budget.Bytes, budget.SqliteHeap + budget.Results.Limit + budget.Events.Limit + budget.Logs.Limit);
    }

    [Fact]
    public void Detect_FlagGiven_WinsOverTheCgroup()
    {
        using var root = new FixtureRoot();
        root.Write("proc/self/cgroup", "0::/\n");
        root.Write("sys/fs/cgroup/memory.max", "536870912\n");
        var budget = MemoryBudget.Detect(root.Fs, 64);
        Assert.Equal((64L << 20, "--memory_budget", 536870912L), (budget.Bytes, budget.Source, budget.ContainerLimit));
    }

    [Fact]
    public void Detect_CgroupV2Limit_SizesFromIt()
    {
        using var root = new FixtureRoot();
        root.Write("proc/self/cgroup", "0::/ecs/task/container\n");
        root.Write("sys/fs/cgroup/ecs/task/container/memory.max", "1073741824\n");
        var budget = MemoryBudget.Detect(root.Fs, null);
        Assert.Equal(150L << 20, budget.Bytes);
        Assert.Contains("cgroup v2", budget.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_NoLimit_UsesDefaultAndTaskMemoryResizesIt()
    {
        using var root = new FixtureRoot();
        root.Write("proc/self/cgroup", "0::/\n");
        root.Write("sys/fs/cgroup/memory.max", "max\n");
        var budget = MemoryBudget.Detect(root.Fs, null);
        Assert.Equal(MemoryBudget.DefaultBytes, budget.Bytes);
        Assert.True(budget.ResizeFromTask(512));
        Assert.InRange(budget.Bytes, 76L << 20, 77L << 20);
        Assert.Equal(512L << 20, budget.ContainerLimit);
    }

    [Fact]
    public void ResizeFromTask_BudgetFromFlag_IsKept()
    {
        var budget = new MemoryBudget(64L << 20, "--memory_budget");
        Assert.False(budget.ResizeFromTask(512));
        Assert.Equal(64L << 20, budget.Bytes);
    }

    [Fact]
    public void SizeOf_Row_CountsStringsBlobsAndBoxes()
    {
        var small = MemoryBudget.SizeOf(new object?[] { 1L, null });
        var large = MemoryBudget.SizeOf(new object?[] { new string('x', 1000), new byte[500] });
        Assert.True(large - small > 2500, $"{small} {large}");
    }

    /// <summary>A temporary directory standing for "/".</summary>
    private sealed class FixtureRoot : IDisposable
    {
        private readonly string dir = Directory.CreateTempSubdirectory("fq-budget-").FullName;

        public HostFileSystem Fs => new(dir);

        public void Write(string path, string text)
        {
            var full = Path.Join(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        public void Dispose() => Directory.Delete(dir, recursive: true);
    }
}
