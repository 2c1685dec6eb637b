// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Tables.Tests.Support;

/// <summary>Tests that starve the process's thread pool run alone (xunit runs such a collection after the parallel ones).</summary>
[CollectionDefinition(nameof(StarvedPoolCollection), DisableParallelization = true)]
public sealed class StarvedPoolCollection;
