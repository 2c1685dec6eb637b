// SPDX-License-Identifier: Apache-2.0
using FarQuery.Remote.Secrets;
using FarQuery.Remote.Tests.Support;

namespace FarQuery.Remote.Tests;

/// <summary>The AWS SDK against a real loopback server speaking SSM's JSON 1.1 protocol, with credentials from the
/// container credentials endpoint (the default chain, as on ECS).</summary>
[Collection(SsmCollection.Name)]
public sealed class SsmSecretReaderTests(FakeSsm ssm)
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    [Fact]
    public async Task Read_SecureString_IsDecryptedWithContainerCredentials()
    {
        ssm.Parameters["/farquery/enroll-ok"] = ("SecureString", Backend.Secret);

        var secret = await Reader().ReadAsync("/farquery/enroll-ok", CancellationToken.None);

        Assert.Equal(Backend.Secret, secret.Reveal());
        var request = ssm.GetParameterRequests.Last();
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Contains("\"WithDecryption\":true", request.Body, StringComparison.Ordinal);
        Assert.Contains("Credential=" + FakeSsm.AccessKeyId + "/", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal(FakeSsm.SessionToken, request.Headers["X-Amz-Security-Token"]);
        Assert.Contains(ssm.Requests, r => r.Path == "/creds");
    }

    [Fact]
    public async Task Read_ByArn_UsesTheArnAsNameAndItsRegion()
    {
        const string arn = "arn:aws:ssm:us-west-2:111122223333:parameter/farquery/by-arn";
        ssm.Parameters[arn] = ("SecureString", "arn-secret-value");

        var secret = await Reader().ReadAsync(arn, CancellationToken.None);

        Assert.Equal("arn-secret-value", secret.Reveal());
        Assert.Contains("/us-west-2/ssm/aws4_request", ssm.GetParameterRequests.Last().Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ParameterNotFoundThenCreated_ReportsClearlyAndRetries()
    {
        ssm.Failures.Enqueue((400, "ParameterNotFound", ""));
        ssm.Failures.Enqueue((400, "ParameterNotFound", ""));
        ssm.Parameters["/farquery/late"] = ("SecureString", "late-secret-value");
        var reader = Reader();

        var secret = await reader.ReadAsync("/farquery/late", CancellationToken.None);

        Assert.Equal("late-secret-value", secret.Reveal());
        Assert.Equal(3, reader.Attempts);
        Assert.Equal(2, output.Count(l => l.Contains("SSM parameter '/farquery/late' was not found", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Read_AccessDenied_GivesAClearErrorAfterRetries()
    {
        for (var i = 0; i < 3; i++)
        {
            ssm.Failures.Enqueue((400, "AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/farquery-task is not authorized to perform: ssm:GetParameter"));
        }

        var reader = Reader(maxAttempts: 3);

        var e = await Assert.ThrowsAsync<EnrollSecretException>(() => reader.ReadAsync("/farquery/denied", CancellationToken.None));

        Assert.Equal(3, reader.Attempts);
        Assert.Contains("access denied reading SSM parameter '/farquery/denied'", e.Message, StringComparison.Ordinal);
        Assert.Contains("ssm:GetParameter", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, output.Count(l => l.Contains("access denied", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Read_Throttled_IsRetried()
    {
        ssm.Failures.Enqueue((400, "ThrottlingException", "Rate exceeded"));
        ssm.Parameters["/farquery/throttled"] = ("SecureString", "throttled-secret-value");
        var reader = Reader();

        var secret = await reader.ReadAsync("/farquery/throttled", CancellationToken.None);

        Assert.Equal("throttled-secret-value", secret.Reveal());
        Assert.Equal(2, reader.Attempts);
        Assert.Contains(output, l => l.Contains("throttled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_InvalidName_FailsWithoutCallingSsm()
    {
        var before = ssm.GetParameterRequests.Count();
        var e = await Assert.ThrowsAsync<EnrollSecretException>(() => Reader().ReadAsync("bad name", CancellationToken.None));
        Assert.False(e.Retryable);
        Assert.Equal(before, ssm.GetParameterRequests.Count());
    }

    private SsmSecretReader Reader(int maxAttempts = 0) => new(new SsmSecretOptions
    {
        ServiceUrl = ssm.ServiceUrl,
        Region = "eu-west-1",
        MaxAttempts = maxAttempts,
        BaseDelay = TimeSpan.FromMilliseconds(10),
    }, output.Enqueue);
}

/// <summary>Tests that share the fake SSM (and the process environment pointing the SDK at it).</summary>
[CollectionDefinition(Name)]
public sealed class SsmCollection : ICollectionFixture<FakeSsm>
{
    public const string Name = "ssm";
}
