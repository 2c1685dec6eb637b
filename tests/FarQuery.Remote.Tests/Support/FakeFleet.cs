// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FarQuery.Remote.Tests.Support;

/// <summary>The osquery endpoints the way Fleet serves them (docs/ecs-and-ssm.md §5, docs/osquery-compat.md §2.8): enroll checks the secret and
/// hands out a node key; config, log and distributed authenticate by node key and answer HTTP 401 +
/// <c>node_invalid: true</c> for an unknown one; logs and distributed results are recorded for the test.</summary>
public sealed class FakeFleet
{
    private readonly ConcurrentDictionary<string, bool> keys = new();
    private int enrolls;
    private int configRequests;

    public FakeFleet(string secret) => Secret = secret;

    /// <summary>Other servers' paths for Fleet's endpoints (osctrl's <c>/prod/osquery_enroll</c>, ...), by the Fleet
    /// path (<c>/api/v1/osquery/enroll</c>) they stand for.</summary>
    public Dictionary<string, string> Routes { get; } = new(StringComparer.Ordinal);

    /// <summary>Fleet serves each endpoint under <c>/api/osquery/</c> and its older alias <c>/api/v1/osquery/</c>.</summary>
    private string Canonical(string path) =>
        Routes.TryGetValue(path, out var mapped) ? mapped
        : path.StartsWith("/api/osquery/", StringComparison.Ordinal) ? "/api/v1/osquery/" + path["/api/osquery/".Length..]
        : path;

    public string Secret { get; }

    /// <summary>The config served (osquery JSON).</summary>
    public string Config { get; set; } = """{"options":{"pack_delimiter":"/"},"schedule":{}}""";

    /// <summary>When set, the config request with this number (1-based) invalidates every node key.</summary>
    public int InvalidateOnConfigRequest { get; set; }

    /// <summary>When set, the distributed write with this number (1-based) invalidates every node key.</summary>
    public int InvalidateOnWriteRequest { get; set; }

    private int writeRequests;

    /// <summary>When set, every request gets this answer instead (a broken backend).</summary>
    public TestResponse? Override { get; set; }

    /// <summary>Distributed queries handed out at the next read (and then cleared).</summary>
    public ConcurrentDictionary<string, string> PendingQueries { get; } = new();

    public ConcurrentDictionary<string, string> PendingDiscovery { get; } = new();

    public int Enrolls => Volatile.Read(ref enrolls);

    public int ConfigRequests => Volatile.Read(ref configRequests);

    public ConcurrentQueue<JsonObject> EnrollBodies { get; } = new();

    public ConcurrentQueue<JsonNode> ResultLines { get; } = new();

    public ConcurrentQueue<JsonNode> StatusLines { get; } = new();

    public ConcurrentQueue<JsonObject> DistributedWrites { get; } = new();

    private int carveSessions;

    /// <summary>Carve sessions begun, by session id, with the blocks received.</summary>
    public ConcurrentDictionary<string, CarveSession> CarveSessions { get; } = new();

    public TestResponse Handle(TestRequest request)
    {
        if (Override is { } broken)
        {
            return broken;
        }

        if (request.Method != "POST")
        {
            return new TestResponse(405, """{"error":"method not allowed"}""");
        }

        var body = JsonNode.Parse(request.Body)!.AsObject();
        var path = Canonical(request.Path);
        if (path == "/api/v1/osquery/enroll")
        {
            EnrollBodies.Enqueue(body);
            if ((string?)body["enroll_secret"] != Secret)
            {
                return new TestResponse(401, """{"error":"enroll failed: invalid secret","node_invalid":true}""");
            }

            var key = "node-key-" + Interlocked.Increment(ref enrolls);
            keys[key] = true;
            return new TestResponse(200, new JsonObject { ["node_key"] = key }.ToJsonString());
        }

        // Fleet takes carve blocks without a node key: the session id, handed out at the authenticated begin, is the
        // credential.
        if (path == "/api/v1/osquery/carve/block")
        {
            if (!CarveSessions.TryGetValue((string?)body["session_id"] ?? "", out var session) || (string?)body["request_id"] != session.RequestId)
            {
                return new TestResponse(404, """{"error":"carve session not found"}""");
            }

            session.Blocks[(long)body["block_id"]!] = Convert.FromBase64String((string)body["data"]!);
            return new TestResponse(200, """{"success":true}""");
        }

        var nodeKey = (string?)body["node_key"];
        if (nodeKey is null || !keys.ContainsKey(nodeKey) || request.Headers.GetValueOrDefault("Authorization") != "NodeKey " + nodeKey)
        {
            return new TestResponse(401, """{"error":"authentication error: invalid node key","node_invalid":true}""");
        }

        switch (path)
        {
            case "/api/v1/osquery/config":
                if (Interlocked.Increment(ref configRequests) == InvalidateOnConfigRequest)
                {
                    keys.Clear();
                    return new TestResponse(401, """{"error":"authentication error: invalid node key","node_invalid":true}""");
                }

                return new TestResponse(200, Config);
            case "/api/v1/osquery/log":
                var target = (string?)body["log_type"] == "status" ? StatusLines : ResultLines;
                foreach (var line in body["data"]!.AsArray())
                {
                    target.Enqueue(line!.DeepClone());
                }

                return new TestResponse(200, "{}");
            case "/api/v1/osquery/distributed/read":
                var queries = new JsonObject();
                var discovery = new JsonObject();
                foreach (var id in PendingQueries.Keys)
                {
                    if (PendingQueries.TryRemove(id, out var sql))
                    {
                        queries[id] = sql;
                        discovery[id] = PendingDiscovery.TryGetValue(id, out var d) ? d : "SELECT 1";
                    }
                }

                return new TestResponse(200, new JsonObject { ["queries"] = queries, ["discovery"] = discovery, ["accelerate"] = 10 }.ToJsonString());
            case "/api/v1/osquery/distributed/write":
                if (Interlocked.Increment(ref writeRequests) == InvalidateOnWriteRequest)
                {
                    keys.Clear();
                    return new TestResponse(401, """{"error":"authentication error: invalid node key","node_invalid":true}""");
                }

                DistributedWrites.Enqueue(body);
                return new TestResponse(200, "{}");
            case "/api/v1/osquery/carve/begin":
                var started = new CarveSession(
                    (long)body["block_count"]!, (long)body["block_size"]!, (long)body["carve_size"]!, (string)body["carve_id"]!, (string)body["request_id"]!);
                var sessionId = "carve-session-" + Interlocked.Increment(ref carveSessions);
                CarveSessions[sessionId] = started;
                return new TestResponse(200, new JsonObject { ["session_id"] = sessionId, ["success"] = true }.ToJsonString());
            default:
                return new TestResponse(404, """{"error":"not found"}""");
        }
    }
}

/// <summary>One carve as Fleet keeps it: the begin request's numbers and the blocks by id.</summary>
public sealed record CarveSession(long BlockCount, long BlockSize, long CarveSize, string CarveId, string RequestId)
{
    public ConcurrentDictionary<long, byte[]> Blocks { get; } = new();

    /// <summary>The blocks in order, joined: the archive the agent sent.</summary>
    public byte[] Archive() => [.. Blocks.OrderBy(b => b.Key).SelectMany(b => b.Value)];
}
