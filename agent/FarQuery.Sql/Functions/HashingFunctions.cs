// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;

namespace FarQuery.Sql.Functions;

/// <summary>osquery's <c>md5</c>, <c>sha1</c> and <c>sha256</c>: the lower-case hex digest of the argument's text, which
/// osquery reads as a C string, so a NUL ends it; NULL for NULL (docs/osquery-compat.md, "SQL functions").</summary>
internal static class HashingFunctions
{
    /// <summary><c>md5(value)</c>.</summary>
    public static string? Md5(object? value) => SqlValue.IsNull(value) ? null : Hex(MD5.HashData(SqlValue.CString(SqlValue.Bytes(value))));

    /// <summary><c>sha1(value)</c>.</summary>
    public static string? Sha1(object? value) => SqlValue.IsNull(value) ? null : Hex(SHA1.HashData(SqlValue.CString(SqlValue.Bytes(value))));

    /// <summary><c>sha256(value)</c>.</summary>
    public static string? Sha256(object? value) => SqlValue.IsNull(value) ? null : Hex(SHA256.HashData(SqlValue.CString(SqlValue.Bytes(value))));

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);
}
