// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core;

/// <summary>A small typed registry of shared services (no reflection: the key is the static type).</summary>
public sealed class ServiceBag
{
    private readonly Lock gate = new();
    private readonly Dictionary<Type, object> services = [];

    /// <summary>Adds or replaces the service of type <typeparamref name="T"/>.</summary>
    public void Set<T>(T service)
        where T : class
    {
        lock (gate)
        {
            services[typeof(T)] = service;
        }
    }

    /// <summary>The service of type <typeparamref name="T"/>, or null when none was added.</summary>
    public T? Get<T>()
        where T : class
    {
        lock (gate)
        {
            return services.TryGetValue(typeof(T), out var s) ? (T)s : null;
        }
    }
}
