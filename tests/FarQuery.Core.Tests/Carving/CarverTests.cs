// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Security.Cryptography;
using FarQuery.Core.Carving;
using FarQuery.Core.Flags;

namespace FarQuery.Core.Tests.Carving;

/// <summary>The carver's bounds and statuses, with the files in a temporary root behind the file-system seam and an
/// uploader that keeps what it receives (the TLS path itself is tested against a loopback server in
/// FarQuery.Remote.Tests).</summary>
public sealed class CarverTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string root = Directory.CreateTempSubdirectory("fq-carver-").FullName;
    private readonly Receiver receiver = new();

    [Fact]
    public void Request_SmallFile_BlocksReassembleToAnArchiveHoldingTheFile()
    {
        var content = Write("/data/app.log", 1000);
        using var carver = NewCarver(new() { [FlagCatalog.CarverBlockSize] = "100" });

        var entry = carver.Request(["/data/app.log"]);
        Assert.True(carver.WaitIdle(Patience));

        var (status, size, sha256) = entry.Snapshot();
        Assert.Equal(Carver.Success, status);
        var begin = Assert.Single(receiver.Begins);
        Assert.Equal((size + 99) / 100, begin.BlockCount);
        Assert.Equal(begin.BlockCount, receiver.Blocks.Count);
        var archive = receiver.Archive();
        Assert.Equal(size, archive.Length);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(archive)));
        Assert.Equal(content, Member(archive, "data/app.log"));
        Assert.Equal(1, carver.Succeeded);
    }

    [Fact]
    public void Request_FilesOverMaxSize_RefusedWithBothSizes()
    {
        Write("/big", 2000);
        using var carver = NewCarver(new() { [FlagCatalog.CarverMaxSize] = "1000" });

        var entry = carver.Request(["/big"]);

        Assert.Equal("REFUSED: 2000 bytes of files exceed --carver_max_size (1000)", entry.Snapshot().Status);
        Assert.Empty(receiver.Begins);
        Assert.Equal(1, carver.RefusedCount);
    }

    [Fact]
    public void Request_WhileACarveRuns_SecondRefusedNamingTheFirstAndThirdAccepted()
    {
        Write("/a", 10);
        receiver.Hold = new TaskCompletionSource();
        using var carver = NewCarver([]);

        var first = carver.Request(["/a"]);
        var second = carver.Request(["/a"]);
        receiver.Hold.SetResult();
        Assert.True(carver.WaitIdle(Patience));
        var third = carver.Request(["/a"]);
        Assert.True(carver.WaitIdle(Patience));

        Assert.Equal($"REFUSED: carve {first.CarveGuid} is still running (one carve at a time; ask again when it is done)", second.Snapshot().Status);
        Assert.Equal(Carver.Success, first.Snapshot().Status);
        Assert.Equal(Carver.Success, third.Snapshot().Status);
        Assert.Equal(2, receiver.Begins.Count);
    }

    [Fact]
    public void Request_MissingAndRelativePaths_RefusedNamingEachReason()
    {
        using var carver = NewCarver([]);

        var entry = carver.Request(["/nope", "etc/hosts"]);

        Assert.Equal("REFUSED: nothing to carve: /nope (cannot open: ENOENT), etc/hosts (not an absolute path)", entry.Snapshot().Status);
        Assert.Equal("/nope,etc/hosts", entry.Path);
    }

    [Fact]
    public void Request_OneOfTwoMissing_CarvesTheOther()
    {
        Write("/present", 10);
        using var carver = NewCarver([]);

        var entry = carver.Request(["/present", "/absent"]);
        Assert.True(carver.WaitIdle(Patience));

        Assert.Equal(Carver.Success, entry.Snapshot().Status);
        Assert.NotNull(Member(receiver.Archive(), "present"));
    }

    [Fact]
    public void Request_DisableCarverDefault_RefusedAndNothingSent()
    {
        Write("/a", 10);
        using var carver = new Carver(Context(new Dictionary<Flag, string>()), receiver);

        var entry = carver.Request(["/a"]);

        Assert.Equal("REFUSED: carving is off (--disable_carver=true)", entry.Snapshot().Status);
        Assert.Empty(receiver.Begins);
    }

    [Fact]
    public void Request_Compression_RefusedAsUnavailable()
    {
        Write("/a", 10);
        using var carver = NewCarver(new() { [FlagCatalog.CarverCompression] = "true" });

        Assert.Equal("REFUSED: --carver_compression asks for zstd, which FarQuery does not include; set carver_compression=false", carver.Request(["/a"]).Snapshot().Status);
    }

    [Fact]
    public void Request_NoUploader_RefusedNamingTheEndpoints()
    {
        Write("/a", 10);
        using var carver = new Carver(Context(Enabled([])), null);

        Assert.StartsWith("REFUSED: no carver endpoints", carver.Request(["/a"]).Snapshot().Status, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_ServerRefusesEveryBlock_DataPostFailedWithTheBlock()
    {
        Write("/a", 10);
        receiver.FailBlocks = true;
        using var carver = NewCarver([]);

        var entry = carver.Request(["/a"]);
        Assert.True(carver.WaitIdle(Patience));

        Assert.Equal("DATA POST FAILED: block 0: refused by the test server", entry.Snapshot().Status);
        Assert.Equal(Carver.BlockAttempts, receiver.BlockAttempts);
        Assert.Equal(1, carver.Failed);
    }

    [Fact]
    public void RequestFromFunction_FunctionDisabledByDefault_CarveFailed()
    {
        Write("/a", 10);
        using var carver = NewCarver([]);

        Assert.Equal("Carve Failed: function disabled", carver.RequestFromFunction(["/a"]));
        Assert.Empty(carver.Entries);
    }

    [Fact]
    public void RequestFromFunction_Enabled_CarveStartedWithTheGuid()
    {
        Write("/a", 10);
        using var carver = NewCarver(new() { [FlagCatalog.CarverDisableFunction] = "false" });

        var result = carver.RequestFromFunction(["/a"]);
        Assert.True(carver.WaitIdle(Patience));

        Assert.Equal("Carve Started: " + Assert.Single(carver.Entries).CarveGuid, result);
    }

    [Fact]
    public void Request_InsideCarveRequestScope_CarriesTheDistributedQueryId()
    {
        Write("/a", 10);
        using var carver = NewCarver([]);

        CarveEntry entry;
        using (CarveRequest.For("fleet_distributed_query_7"))
        {
            entry = carver.Request(["/a"]);
        }

        Assert.True(carver.WaitIdle(Patience));
        Assert.Equal("fleet_distributed_query_7", entry.RequestId);
        Assert.Equal("fleet_distributed_query_7", Assert.Single(receiver.Begins).RequestId);
        Assert.Equal("", CarveRequest.Id);
    }

    private Carver NewCarver(Dictionary<Flag, string> flags) => new(Context(Enabled(flags)), receiver);

    private static Dictionary<Flag, string> Enabled(Dictionary<Flag, string> flags)
    {
        flags.TryAdd(FlagCatalog.DisableCarver, "false");
        flags.TryAdd(FlagCatalog.CarverStartEndpoint, "/carve/begin");
        flags.TryAdd(FlagCatalog.CarverContinueEndpoint, "/carve/block");
        return flags;
    }

    private TableContext Context(Dictionary<Flag, string> flags)
    {
        var context = new TableContext { Fs = new HostFileSystem(root) };
        context.Services.Set(FlagValues.Defaults.With(FlagSource.CommandLine, flags));
        return context;
    }

    private byte[] Write(string path, int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        var real = Path.Join(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllBytes(real, bytes);
        return bytes;
    }

    private static byte[]? Member(byte[] archive, string name)
    {
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == name && entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                return copy.ToArray();
            }
        }

        return null;
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>The server side of the carver endpoints, in process: sessions opened, blocks by id.</summary>
    private sealed class Receiver : ICarveUploader
    {
        private int blockAttempts;

        public ConcurrentQueue<CarveBegin> Begins { get; } = new();

        public ConcurrentDictionary<long, byte[]> Blocks { get; } = new();

        public TaskCompletionSource? Hold { get; set; }

        public bool FailBlocks { get; set; }

        public int BlockAttempts => Volatile.Read(ref blockAttempts);

        public async Task<string> BeginAsync(string endpoint, CarveBegin begin, CancellationToken cancellation)
        {
            Assert.Equal("/carve/begin", endpoint);
            Begins.Enqueue(begin);
            if (Hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellation);
            }

            return "session-" + begin.CarveId;
        }

        public Task SendBlockAsync(string endpoint, string sessionId, string requestId, long blockId, ReadOnlyMemory<byte> data, CancellationToken cancellation)
        {
            Assert.Equal("/carve/block", endpoint);
            Interlocked.Increment(ref blockAttempts);
            if (FailBlocks)
            {
                throw new IOException("refused by the test server");
            }

            Blocks[blockId] = data.ToArray();
            return Task.CompletedTask;
        }

        public byte[] Archive() => [.. Blocks.OrderBy(b => b.Key).SelectMany(b => b.Value)];
    }
}
