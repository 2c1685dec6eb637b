// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>One GET per url (and user_agent) the query names, through <see cref="HttpFetch"/>: bounded by
/// --curl_timeout and the query's deadline, the body read up to <see cref="MaxBody"/>. A failed request keeps its row
/// with a NULL response_code and the error as result, so a health check can select the failures.</summary>
public sealed partial class CurlTable(TableContext context) : Table(context)
{
    /// <summary>The most of a body read and returned.</summary>
    internal const int MaxBody = 1 << 20;

    /// <summary>osquery's default user agent.</summary>
    internal const string DefaultUserAgent = "osquery";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var timeout = HttpFetch.CurlTimeout(Context);
        foreach (var url in query.TextEquals(C.Url) ?? [])
        {
            foreach (var agent in query.TextEquals(C.UserAgent) ?? [DefaultUserAgent])
            {
                var response = HttpFetch.Get(url, agent, timeout, MaxBody, query.Cancellation);
                var row = NewRow();
                row.Url = url;
                row.Method = "GET";
                row.UserAgent = agent;
                row.ResponseCode = response.Status;
                row.RoundTripTime = response.Microseconds;
                row.Bytes = response.Body.LongLength;
                row.Result = response.Error ?? Encoding.UTF8.GetString(response.Body);
                yield return row;
            }
        }
    }
}
