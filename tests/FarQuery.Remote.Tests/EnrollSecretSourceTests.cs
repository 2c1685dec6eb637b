// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;
using FarQuery.Remote.Secrets;
using FarQuery.Remote.Tests.Support;
using FarQuery.Remote.Tls;

namespace FarQuery.Remote.Tests;

/// <summary>Secret sources end to end: SSM → enrollment over TLS, with every line of output checked for the secret.</summary>
[Collection(SsmCollection.Name)]
public sealed class EnrollSecretSourceTests(FakeSsm ssm) : IDisposable
{
    private readonly TestCertificates pki = new();

    [Fact]
    public async Task Resolve_SsmSecretUsedForEnrollment_NeverAppearsInAnyOutput()
    {
        const string secret = "fq-ssm-enroll-secret-4b9e1f27aa";
        ssm.Parameters["/farquery/enroll"] = ("SecureString", secret);
        var fleet = new FakeFleet(secret);
        var first = true;
        // The first enroll is answered with an error that echoes the secret, as a careless server might.
        using var server = new TestHttpServer(r =>
        {
            if (first && r.Path.EndsWith("/enroll", StringComparison.Ordinal))
            {
                first = false;
                return new TestResponse(403, new JsonObject { ["error"] = "unknown enroll secret " + (string?)JsonNode.Parse(r.Body)!["enroll_secret"] }.ToJsonString());
            }

            return fleet.Handle(r);
        }, pki.Server);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var source = new EnrollSecretSource
        {
            SsmParameter = "/farquery/enroll",
            Ssm = new SsmSecretOptions { ServiceUrl = ssm.ServiceUrl, Region = "eu-west-1", BaseDelay = TimeSpan.FromMilliseconds(10) },
        };
        var stdout = Console.Out;
        var stderr = Console.Error;
        var console = new StringWriter();
        Console.SetOut(console);
        Console.SetError(console);
        try
        {
            using var client = new TlsRemoteClient(Backend.Options(server.Port, pki), source, "h", () => [], output.Enqueue);
            await client.EnsureEnrolledAsync(CancellationToken.None);
            await client.FetchConfigAsync(CancellationToken.None);
            Assert.Equal(secret, (string?)fleet.EnrollBodies.Single()["enroll_secret"]);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        Assert.Contains(output, l => l.Contains("unknown enroll secret [redacted]", StringComparison.Ordinal));
        var all = string.Join("\n", output) + console;
        Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_SecretFile_IsTrimmed()
    {
        var path = Path.Combine(pki.Directory, "secret");
        File.WriteAllText(path, "  file-secret-value\n");

        var secret = await new EnrollSecretSource { Path = path }.ResolveAsync(_ => { }, CancellationToken.None);

        Assert.Equal("file-secret-value", secret.Reveal());
        Assert.Equal(EnrollSecret.Mask, secret.ToString());
    }

    [Fact]
    public async Task Resolve_MissingSecretFile_FailsWithThePathAndNoRetry()
    {
        var e = await Assert.ThrowsAsync<EnrollSecretException>(() => new EnrollSecretSource { Path = "/nonexistent/secret" }.ResolveAsync(_ => { }, CancellationToken.None));
        Assert.Contains("/nonexistent/secret", e.Message, StringComparison.Ordinal);
        Assert.False(e.Retryable);
    }

    public void Dispose() => pki.Dispose();
}
