using System.Buffers;
using System.Text;
using System.Text.Json;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>
/// Writes records in one streamed format, line by line, into a buffer writer (the response body's pipe, or a file).
/// Each line is complete before the next starts, so whatever was flushed is a whole number of lines.
/// </summary>
public sealed class RecordLineWriter(RecordFeedFormat format, ProductInfo product, JsonSerializerOptions json)
{
    private static readonly JsonWriterOptions LineOptions = ComplianceJson.WriterOptions;
    private readonly StringBuilder _text = new(1024);

    public RecordFeedFormat Format { get; } = format;

    /// <summary>The header row of CSV; nothing for the other formats.</summary>
    public void WriteHeader(IBufferWriter<byte> output)
    {
        if (Format == RecordFeedFormat.Csv)
        {
            _text.Clear();
            CsvText.AppendRow(_text, RecordCsv.Columns);
            WriteText(output);
        }
    }

    public void Write(IBufferWriter<byte> output, ActivityRecord record)
    {
        switch (Format)
        {
            case RecordFeedFormat.Ndjson:
                WriteNativeLine(output, record, json);
                break;
            case RecordFeedFormat.Ocsf:
                OcsfApiActivityFormatter.WriteLine(output, record, product);
                break;
            case RecordFeedFormat.Csv:
                _text.Clear();
                CsvText.AppendRow(_text, RecordCsv.Fields(record));
                WriteText(output);
                break;
            case RecordFeedFormat.Cef:
                _text.Clear();
                CefFormatter.Append(_text, record, product).Append('\n');
                WriteText(output);
                break;
            default:
                throw new InvalidOperationException($"Format {Format} is not a line format.");
        }
    }

    /// <summary>The native JSON of a record (<see cref="RecordView"/>) and a newline.</summary>
    public static void WriteNativeLine(IBufferWriter<byte> output, ActivityRecord record, JsonSerializerOptions json)
    {
        using (var writer = new Utf8JsonWriter(output, LineOptions))
        {
            JsonSerializer.Serialize(writer, RecordView.From(record), json);
        }

        output.Write("\n"u8);
    }

    private void WriteText(IBufferWriter<byte> output)
    {
        // One string per line: encoding the builder's chunks one by one could split a surrogate pair.
        var line = _text.ToString();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length));
        output.Advance(Encoding.UTF8.GetBytes(line, span));
    }
}
