// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Parsers;

/// <summary>One module line of Go build info.</summary>
/// <param name="Kind">"main" for the main module, "dep" for a dependency.</param>
/// <param name="Path">Module path.</param>
/// <param name="Version">Module version ("(devel)" for a main module built from a checkout).</param>
/// <param name="Sum">go.sum hash, empty when unknown.</param>
/// <param name="ReplacedBy">The replacement ("path version", or a local directory), empty when not replaced.</param>
internal sealed record GoModule(string Kind, string Path, string Version, string Sum, string ReplacedBy);
