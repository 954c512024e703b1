using System.Buffers;
using System.Text;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Incremental parser of a server-sent event stream (https://html.spec.whatwg.org/multipage/server-sent-events.html):
/// fed the bytes as they arrive, in chunks that may split lines anywhere, it reports each complete event's name and
/// data. Lines end in LF, CR LF or CR. A line longer than <see cref="MaxLineBytes"/> is dropped (and counted), so a
/// hostile stream cannot grow memory without bound; the bytes themselves still reach the client unchanged.
/// </summary>
public sealed class SseEventParser(Action<string?, string> onEvent)
{
    public const int MaxLineBytes = 8 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly StringBuilder _data = new();
    private string? _event;
    private bool _hasData;
    private bool _skipLf;
    private bool _overflow;

    /// <summary>Lines dropped for exceeding <see cref="MaxLineBytes"/>.</summary>
    public int DroppedLines { get; private set; }

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            if (_skipLf)
            {
                _skipLf = false;
                if (chunk[0] == (byte)'\n')
                {
                    chunk = chunk[1..];
                    continue;
                }
            }

            var end = chunk.IndexOfAny((byte)'\n', (byte)'\r');
            if (end < 0)
            {
                Append(chunk);
                return;
            }

            Append(chunk[..end]);
            _skipLf = chunk[end] == (byte)'\r';
            chunk = chunk[(end + 1)..];
            EndLine();
        }
    }

    /// <summary>Dispatches a last event that the stream ended without a blank line after.</summary>
    public void Complete()
    {
        if (_line.WrittenCount > 0 || _overflow)
        {
            EndLine();
        }

        EndLine();
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_overflow || _line.WrittenCount + bytes.Length > MaxLineBytes)
        {
            _overflow = true;
            return;
        }

        _line.Write(bytes);
    }

    private void EndLine()
    {
        if (_overflow)
        {
            _overflow = false;
            _line.ResetWrittenCount();
            DroppedLines++;
            return;
        }

        var line = _line.WrittenSpan;
        if (line.IsEmpty)
        {
            if (_hasData)
            {
                onEvent(_event, _data.ToString());
            }

            _event = null;
            _data.Clear();
            _hasData = false;
            return;
        }

        if (line[0] != (byte)':')
        {
            var colon = line.IndexOf((byte)':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? [] : line[(colon + 1)..];
            if (!value.IsEmpty && value[0] == (byte)' ')
            {
                value = value[1..];
            }

            if (field.SequenceEqual("data"u8))
            {
                if (_hasData)
                {
                    _data.Append('\n');
                }

                _data.Append(Encoding.UTF8.GetString(value));
                _hasData = true;
            }
            else if (field.SequenceEqual("event"u8))
            {
                _event = Encoding.UTF8.GetString(value);
            }
        }

        _line.ResetWrittenCount();
    }
}
