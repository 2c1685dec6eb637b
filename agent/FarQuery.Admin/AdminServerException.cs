// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Admin;

/// <summary>The admin server could not start (no writable socket directory, another agent on the path).</summary>
public sealed class AdminServerException(string message, Exception? inner = null) : Exception(message, inner);
