using System.Globalization;

namespace AgentLedger.Server.Features.Governance.Reports;

/// <summary>How the report writes figures (invariant culture, so the PDF's text can be checked against the API's JSON).</summary>
public static class ReportFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    public static string Usd(decimal value) => "$" + Money(value);

    /// <summary>Change from <paramref name="before"/> to <paramref name="now"/> in percent, one decimal, signed; "new" when before was 0.</summary>
    public static string Change(decimal now, decimal before) =>
        before == 0
            ? (now == 0 ? "0.0%" : "new")
            : ((now - before) * 100 / before).ToString("+0.0'%';-0.0'%';0.0'%'", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
