// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Cli;

/// <summary>Process exit codes of the verbs (<c>run</c> exits with the app's own code instead).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The query or command failed (invalid SQL, table error).</summary>
    public const int QueryFailed = 1;

    /// <summary>Bad arguments or configuration.</summary>
    public const int Usage = 2;
}
