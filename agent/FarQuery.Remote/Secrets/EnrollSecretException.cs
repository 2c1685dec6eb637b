// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Remote.Secrets;

/// <summary>The enroll secret could not be obtained. The message is safe to log: it never contains the secret.</summary>
public sealed class EnrollSecretException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when trying again may succeed (throttling, a network error, a missing permission being fixed).</summary>
    public bool Retryable { get; } = retryable;
}
