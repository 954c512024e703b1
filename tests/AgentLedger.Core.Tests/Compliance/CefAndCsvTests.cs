using System.Text;
using AgentLedger.Core.Compliance;

namespace AgentLedger.Core.Tests.Compliance;

public sealed class CefAndCsvTests
{
    private static readonly ProductInfo Product = new("Agent|Ledger", @"Vendor\X", "1.0");

    [Fact]
    public void Cef_EscapesPipesAndBackslashesInTheHeaderAndEqualsAndNewlinesInTheExtension()
    {
        var line = CefFormatter.Format(TestRecords.Response() with { PromptText = "a=b\\c\r\nd|e" }, Product);

        Assert.StartsWith(@"CEF:0|Vendor\\X|Agent\|Ledger|1.0|model.response|PROMPT_RESPONSE_RECEIVED|3|", line, StringComparison.Ordinal);
        Assert.EndsWith(@"msg=a\=b\\c\r\nd|e", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
        Assert.Contains("src=81.2.69.142 ", line, StringComparison.Ordinal);
        Assert.Contains("rt=1783591724000 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Cef_ErrorRecordAndNonIpClientAddress_HigherSeverityAndNoSrc()
    {
        var line = CefFormatter.Format(TestRecords.Response() with { Error = "boom", ClientIp = "unix-socket" }, Product);

        Assert.Contains("|5|", line, StringComparison.Ordinal);
        Assert.Contains("outcome=error", line, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("", "")]
    public void Csv_Field_QuotedWhenNeededAndFormulasNeutralised(string value, string expected)
    {
        var sb = new StringBuilder();
        CsvText.AppendField(sb, value);
        Assert.Equal(expected, sb.ToString());
    }

    [Fact]
    public void Csv_RecordRow_HasAFieldPerColumn()
    {
        var sb = new StringBuilder();
        CsvText.AppendRow(sb, RecordCsv.Fields(TestRecords.Response()));

        Assert.Equal(RecordCsv.Columns.Length, RecordCsv.Fields(TestRecords.Response()).Length);
        Assert.EndsWith("\r\n", sb.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256Sums_CoreutilsTextFormat_AndRefusesNamesItCannotList()
    {
        Assert.Equal("ab  a.txt\ncd  b.csv\n", Sha256Sums.Format([("a.txt", "ab"), ("b.csv", "cd")]));
        Assert.Throws<ArgumentException>(() => Sha256Sums.Format([("bad\nname", "ab")]));
    }
}
