// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Remote.Tls;

/// <summary>A remote request failed: transport error, timeout, unparsable body, or an <c>error</c> from the server.</summary>
public class RemoteException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The server answered <c>"node_invalid": true</c>: the node key was cleared and the next request re-enrolls.</summary>
public sealed class NodeInvalidException(string message) : RemoteException(message);
