// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace FarQuery.Remote.Tests.Support;

/// <summary>A loopback HTTP server speaking SSM's JSON 1.1 protocol for <c>AmazonSSM.GetParameter</c> (docs/ecs-and-ssm.md §4.1) and
/// the ECS container credentials endpoint (docs/ecs-and-ssm.md §2.2, <c>GET /creds</c> with the authorization token). The process
/// environment points the SDK's default credential chain at it; one instance serves the whole test class because the
/// SDK caches the first credentials it resolves.</summary>
public sealed class FakeSsm : IDisposable
{
    public const string AccessKeyId = "ASIAFARQUERYTEST0001";
    public const string SessionToken = "fq-session-token";
    public const string AuthorizationToken = "fq-container-auth-token";
    private readonly TestHttpServer server;

    public FakeSsm()
    {
        server = new TestHttpServer(Handle);
        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_WEB_IDENTITY_TOKEN_FILE" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI", $"http://127.0.0.1:{server.Port}/creds");
        Environment.SetEnvironmentVariable("AWS_CONTAINER_AUTHORIZATION_TOKEN", AuthorizationToken);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public string ServiceUrl => $"http://127.0.0.1:{server.Port}";

    /// <summary>Parameters by name: (type, value).</summary>
    public ConcurrentDictionary<string, (string Type, string Value)> Parameters { get; } = new();

    /// <summary>Errors returned (one per request) before the parameters are served: (HTTP status, __type, message).</summary>
    public ConcurrentQueue<(int Status, string Type, string Message)> Failures { get; } = new();

    public ConcurrentQueue<TestRequest> Requests => server.Requests;

    public IEnumerable<TestRequest> GetParameterRequests => server.Requests.Where(r => r.Path == "/");

    private TestResponse Handle(TestRequest request)
    {
        if (request.Method == "GET" && request.Path == "/creds")
        {
            if (request.Headers.GetValueOrDefault("Authorization") != AuthorizationToken)
            {
                return new TestResponse(401, """{"message":"bad token"}""");
            }

            return new TestResponse(200, new JsonObject
            {
                ["RoleArn"] = "arn:aws:iam::111122223333:role/farquery-task",
                ["AccessKeyId"] = AccessKeyId,
                ["SecretAccessKey"] = "fq-secret-access-key",
                ["Token"] = SessionToken,
                ["Expiration"] = DateTime.UtcNow.AddHours(6).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            }.ToJsonString());
        }

        if (request.Headers.GetValueOrDefault("X-Amz-Target") != "AmazonSSM.GetParameter")
        {
            return new TestResponse(400, """{"__type":"UnknownOperationException"}""", "application/x-amz-json-1.1");
        }

        if (Failures.TryDequeue(out var failure))
        {
            return new TestResponse(failure.Status, new JsonObject { ["__type"] = failure.Type, ["message"] = failure.Message }.ToJsonString(), "application/x-amz-json-1.1");
        }

        var body = JsonNode.Parse(request.Body)!;
        var name = (string)body["Name"]!;
        if (!Parameters.TryGetValue(name, out var p))
        {
            return new TestResponse(400, """{"__type":"ParameterNotFound","message":""}""", "application/x-amz-json-1.1");
        }

        var secure = p.Type == "SecureString";
        var decrypt = body["WithDecryption"] is JsonValue v && v.GetValue<bool>();
        return new TestResponse(200, new JsonObject
        {
            ["Parameter"] = new JsonObject
            {
                ["ARN"] = "arn:aws:ssm:eu-west-1:111122223333:parameter" + (name.StartsWith('/') ? name : "/" + name),
                ["DataType"] = "text",
                ["LastModifiedDate"] = 1.7e9,
                ["Name"] = name,
                ["Type"] = p.Type,
                ["Value"] = secure && !decrypt ? "AQICAHencrypted==" : p.Value,
                ["Version"] = 3,
            },
        }.ToJsonString(), "application/x-amz-json-1.1");
    }

    public void Dispose() => server.Dispose();
}
