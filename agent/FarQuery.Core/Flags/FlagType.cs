// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Flags;

/// <summary>A flag's value type, named as osquery_flags.type names it.</summary>
public enum FlagType
{
    /// <summary><c>bool</c>: true/false, 1/0, yes/no (any case); a bare <c>--name</c> is true, <c>--noname</c> false.</summary>
    Bool,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>int32</c>.</summary>
    Int32,

    /// <summary><c>uint32</c>.</summary>
    UInt32,

    /// <summary><c>uint64</c>.</summary>
    UInt64,

    /// <summary><c>double</c>.</summary>
    Double,
}
