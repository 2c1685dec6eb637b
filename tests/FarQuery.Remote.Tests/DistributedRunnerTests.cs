// SPDX-License-Identifier: Apache-2.0
using System.Formats.Tar;
using System.Security.Cryptography;
using FarQuery.Core;
using FarQuery.Core.Carving;
using FarQuery.Core.Flags;
using FarQuery.Remote.Tests.Support;
using FarQuery.Remote.Tls;
using FarQuery.Sql;
using FarQuery.Tables;

namespace FarQuery.Remote.Tests;

/// <summary>Distributed queries against the fake Fleet: discovery, accelerate, retries across a re-enrollment.</summary>
public sealed class DistributedRunnerTests : IDisposable
{
    private readonly TestCertificates pki = new();
    private readonly List<IDisposable> owned = [];

    [Fact]
    public async Task PollOnce_NodeInvalidOnWrite_ReenrollsAndDeliversTheResults()
    {
        var fleet = new FakeFleet(Backend.Secret) { InvalidateOnWriteRequest = 1 };
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var client = Own(new TlsRemoteClient(Backend.Options(server.Port, pki), Backend.SecretSource(), "h", () => [], _ => { }));
        var runner = new DistributedRunner(client, Own(new SqlHost(TableRegistry.All, new TableContext())), _ => { });
        fleet.PendingQueries["q"] = "SELECT 'v' AS c";

        Assert.Equal(1, await runner.PollOnceAsync(CancellationToken.None));

        Assert.Equal("v", (string?)fleet.DistributedWrites.Single()["queries"]!["q"]![0]!["c"]);
        Assert.Equal(2, fleet.Enrolls);
        Assert.Equal(1, runner.Answered);
    }

    [Fact]
    public async Task PollOnce_IntegerAccelerate_ShortensTheInterval()
    {
        var fleet = new FakeFleet(Backend.Secret);
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var options = Backend.Options(server.Port, pki);
        options.DistributedInterval = TimeSpan.FromSeconds(60);
        var client = Own(new TlsRemoteClient(options, Backend.SecretSource(), "h", () => [], _ => { }));
        var runner = new DistributedRunner(client, Own(new SqlHost(TableRegistry.All, new TableContext())), _ => { });
        Assert.Equal(TimeSpan.FromSeconds(60), runner.NextInterval);

        Assert.Equal(0, await runner.PollOnceAsync(CancellationToken.None));

        Assert.Equal(options.AcceleratedInterval, runner.NextInterval);
        Assert.Empty(fleet.DistributedWrites);
    }

    [Fact]
    public async Task PollOnce_FleetCarveQuery_FiveMegabyteFileReachesTheServerIntact()
    {
        const long BlockSize = 1024 * 1024;
        const string QueryId = "fleet_distributed_query_31";
        var dir = Directory.CreateTempSubdirectory("fq-carve-");
        owned.Add(new TempDirectory(dir.FullName));
        var file = Path.Join(dir.FullName, "evidence.bin");
        var content = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);
        await File.WriteAllBytesAsync(file, content);

        var fleet = new FakeFleet(Backend.Secret);
        var server = Own(new TestHttpServer(fleet.Handle, pki.Server));
        var client = Own(new TlsRemoteClient(Backend.Options(server.Port, pki), Backend.SecretSource(), "h", () => [], _ => { }));
        var context = new TableContext();
        context.Services.Set(FlagValues.Defaults.With(FlagSource.CommandLine, new Dictionary<Flag, string>
        {
            // Fleet's agent options for carving (its flagfile), with a block size that splits 5 MB into six blocks.
            [FlagCatalog.DisableCarver] = "false",
            [FlagCatalog.CarverStartEndpoint] = "/api/v1/osquery/carve/begin",
            [FlagCatalog.CarverContinueEndpoint] = "/api/v1/osquery/carve/block",
            [FlagCatalog.CarverBlockSize] = BlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var carver = Own(new Carver(context, new TlsCarveUploader(client)));
        context.Services.Set(carver);
        var host = Own(new SqlHost(TableRegistry.All, context));
        var runner = new DistributedRunner(client, host, _ => { });
        fleet.PendingQueries[QueryId] = $"SELECT * FROM carves WHERE carve = 1 AND path = '{file}'";

        Assert.Equal(1, await runner.PollOnceAsync(CancellationToken.None));
        Assert.True(carver.WaitIdle(TimeSpan.FromMinutes(2)), "the carve did not finish");

        // The distributed answer is the started carve's row, as Fleet shows it.
        var row = fleet.DistributedWrites.Single()["queries"]![QueryId]![0]!;
        Assert.Equal("1", (string?)row["carve"]);
        Assert.Equal(file, (string?)row["path"]);
        Assert.Equal(QueryId, (string?)row["request_id"]);

        var session = Assert.Single(fleet.CarveSessions.Values);
        Assert.Equal(QueryId, session.RequestId);
        Assert.Equal(BlockSize, session.BlockSize);
        Assert.Equal((session.CarveSize + BlockSize - 1) / BlockSize, session.BlockCount);
        Assert.Equal(session.BlockCount, session.Blocks.Count);
        var archive = session.Archive();
        Assert.Equal(session.CarveSize, archive.Length);
        // Unpacked as an operator would: the member under the file's own path holds the file's bytes.
        var unpacked = Directory.CreateDirectory(Path.Join(dir.FullName, "unpacked")).FullName;
        TarFile.ExtractToDirectory(new MemoryStream(archive), unpacked, overwriteFiles: false);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await File.ReadAllBytesAsync(Path.Join(unpacked, file.TrimStart('/')))));

        var listed = host.Query($"SELECT status, size, sha256, carve_guid FROM carves").Rows.Single();
        Assert.Equal(Carver.Success, listed[0]);
        Assert.Equal(session.CarveSize, listed[1]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(archive)), listed[2]);
        Assert.Equal(session.CarveId, listed[3]);
    }

    private sealed class TempDirectory(string path) : IDisposable
    {
        public void Dispose() => Directory.Delete(path, recursive: true);
    }

    private T Own<T>(T d)
        where T : IDisposable
    {
        owned.Add(d);
        return d;
    }

    public void Dispose()
    {
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }

        pki.Dispose();
    }
}
