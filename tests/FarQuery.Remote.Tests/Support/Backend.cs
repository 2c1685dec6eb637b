// SPDX-License-Identifier: Apache-2.0
using System.Collections.Concurrent;
using FarQuery.Remote.Secrets;
using FarQuery.Remote.Tls;

namespace FarQuery.Remote.Tests.Support;

/// <summary>Shared set-up: options tuned for tests (short periods and back-off) against a loopback server.</summary>
public static class Backend
{
    public const string Secret = "fq-test-enroll-secret-7c1d0e93b2";

    public static RemoteOptions Options(int port, TestCertificates pki, string? nodeKeyPath = null, bool mtls = false) => new()
    {
        TlsHostname = $"127.0.0.1:{port}",
        ServerCertsPath = pki.CaPath,
        ClientCertPath = mtls ? pki.ClientCertPath : null,
        ClientKeyPath = mtls ? pki.ClientKeyPath : null,
        LoggerPeriod = TimeSpan.FromMilliseconds(100),
        DistributedInterval = TimeSpan.FromMilliseconds(100),
        AcceleratedInterval = TimeSpan.FromMilliseconds(100),
        ConfigAcceleratedRefresh = TimeSpan.FromMilliseconds(200),
        BackoffUnit = TimeSpan.FromMilliseconds(20),
        LoggerBackoffMax = TimeSpan.FromMilliseconds(500),
        EnrollMaxInterval = TimeSpan.FromMilliseconds(500),
        EnrollMaxAttempts = 0,
        Timeout = TimeSpan.FromSeconds(10),
        NodeKeyPath = nodeKeyPath,
    };

    public static EnrollSecretSource SecretSource(string value = Secret) => new() { FromEnvironment = new EnrollSecret(value) };

    /// <summary>Everything the code under test reported, to grep for the secret.</summary>
    public static (Action<string> Warn, ConcurrentQueue<string> Lines) Capture()
    {
        var lines = new ConcurrentQueue<string>();
        return (lines.Enqueue, lines);
    }
}
