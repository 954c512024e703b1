using System.Text;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// RFC 4180 fields for the CSV outputs. A field that a spreadsheet would run as a formula (starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) is prefixed with <c>'</c>, as OWASP advises for CSV opened by
/// people; prompts are untrusted text. The NDJSON forms carry every value unaltered.
/// </summary>
public static class CsvText
{
    public static void AppendField(StringBuilder sb, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var neutralise = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quote = neutralise || value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!quote)
        {
            sb.Append(value);
            return;
        }

        sb.Append('"');
        if (neutralise)
        {
            sb.Append('\'');
        }

        foreach (var c in value)
        {
            if (c == '"')
            {
                sb.Append('"');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }

    public static void AppendRow(StringBuilder sb, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            AppendField(sb, fields[i]);
        }

        sb.Append("\r\n");
    }
}
