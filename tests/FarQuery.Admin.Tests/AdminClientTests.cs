// SPDX-License-Identifier: Apache-2.0
using System.Net.Sockets;
using FarQuery.Admin.Tests.Support;
using FarQuery.Sql;

namespace FarQuery.Admin.Tests;

public sealed class AdminClientTests
{
    [Fact]
    public void Connect_NoSocketFile_BeforeRequestError()
    {
        var e = Assert.Throws<AdminClientException>(() => AdminClient.Connect("/nonexistent/farquery.sock"));

        Assert.True(e.BeforeRequest);
        Assert.Equal("no agent socket at /nonexistent/farquery.sock", e.Message);
    }

    [Fact]
    public void Connect_NobodyListening_SaysSo()
    {
        var directory = TempDirectory.Create();
        try
        {
            var path = Path.Join(directory, "dead.sock");
            using var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            dead.Bind(new UnixDomainSocketEndPoint(path));

            var e = Assert.Throws<AdminClientException>(() => AdminClient.Connect(path));

            Assert.True(e.BeforeRequest);
            Assert.Contains("nobody is listening", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task Query_SeveralOnOneConnection_AnsweredInOrder()
    {
        await using var server = TestServer.Start();
        using var client = server.Client();

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal((long)i, client.Query($"select {i}").Rows[0][0]);
        }

        Assert.Equal(1, server.Server.Statistics.Connections);
    }

    [Fact]
    public async Task Query_SqlError_ThrowsSqlQueryExceptionAndConnectionSurvives()
    {
        await using var server = TestServer.Start();
        using var client = server.Client();

        Assert.Equal("no such table: nope", Assert.Throws<SqlQueryException>(() => client.Query("select * from nope")).Message);
        Assert.Equal(2L, client.Query("select 2").Rows[0][0]);
    }

    [Fact]
    public async Task Query_ServerGone_AdminClientException()
    {
        var server = TestServer.Start();
        using var client = server.Client();
        client.Query("select 1");
        await server.DisposeAsync();

        var e = Assert.ThrowsAny<AdminClientException>(() => client.Query("select 1"));

        Assert.False(e.BeforeRequest);
    }

    [Fact]
    public async Task Query_ElapsedReported()
    {
        await using var server = TestServer.Start();
        using var client = server.Client();

        var result = client.Query("select count(*) from processes");

        Assert.True(result.Elapsed > TimeSpan.Zero);
    }
}
