// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Remote.Secrets;

namespace FarQuery.Remote.Tests;

/// <summary><c>--enroll_secret_env</c>: the variable is removed from the process so <c>process_envs</c> (which reads
/// <c>/proc/&lt;pid&gt;/environ</c>) and the spawned app cannot see it. The test host is started with the variable by
/// <c>test.runsettings</c>, so it is in the kernel's copy of the environment like a real task's.</summary>
public sealed class EnvironmentSecretTests
{
    private const string Name = "FARQUERY_TEST_ENROLL_SECRET";
    private const string Value = "fq-env-secret-91d2c6";

    [Fact]
    public void Take_VariableFromProcessStart_IsReturnedAndGoneFromProcSelfEnviron()
    {
        Assert.True(File.ReadAllText("/proc/self/environ").Contains(Name + "=" + Value, StringComparison.Ordinal),
            "test.runsettings must start the test host with " + Name);

        var secret = EnvironmentSecret.Take(Name);

        Assert.Equal(Value, secret!.Reveal());
        Assert.Null(Environment.GetEnvironmentVariable(Name));
        var environ = File.ReadAllBytes("/proc/self/environ");
        Assert.DoesNotContain(Value, Encoding.UTF8.GetString(environ), StringComparison.Ordinal);
        Assert.DoesNotContain(Name, Encoding.UTF8.GetString(environ), StringComparison.Ordinal);
        Assert.Null(EnvironmentSecret.Take(Name));
    }

    [Fact]
    public void Take_UnsetVariable_ReturnsNull() => Assert.Null(EnvironmentSecret.Take("FARQUERY_TEST_NOT_SET_ANYWHERE"));
}
