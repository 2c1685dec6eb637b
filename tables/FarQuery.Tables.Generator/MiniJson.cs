// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace FarQuery.Tables.Generator;

/// <summary>A small JSON reader: analyzers cannot easily carry System.Text.Json, and specs are tiny.</summary>
internal sealed class MiniJson
{
    private readonly string text;
    private int pos;

    private MiniJson(string text) => this.text = text;

    /// <summary>Parses a document into dictionaries, lists, strings, doubles, bools and nulls.</summary>
    public static object? Parse(string text)
    {
        var p = new MiniJson(text);
        var value = p.Value();
        p.Skip();
        if (p.pos != p.text.Length)
        {
            throw p.Error("trailing characters");
        }

        return value;
    }

    private FormatException Error(string what)
    {
        var line = 1;
        for (var i = 0; i < pos && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return new FormatException($"line {line}: {what}");
    }

    private void Skip()
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }
    }

    private object? Value()
    {
        Skip();
        if (pos >= text.Length)
        {
            throw Error("unexpected end");
        }

        var c = text[pos];
        switch (c)
        {
            case '{':
                return Obj();
            case '[':
                return Arr();
            case '"':
                return Str();
            case 't':
                Expect("true");
                return true;
            case 'f':
                Expect("false");
                return false;
            case 'n':
                Expect("null");
                return null;
            default:
                var start = pos;
                while (pos < text.Length && "+-0123456789.eE".IndexOf(text[pos]) >= 0)
                {
                    pos++;
                }

                if (start == pos)
                {
                    throw Error($"unexpected '{c}'");
                }

                return double.Parse(text.Substring(start, pos - start), CultureInfo.InvariantCulture);
        }
    }

    private void Expect(string word)
    {
        if (string.CompareOrdinal(text, pos, word, 0, word.Length) != 0)
        {
            throw Error("expected " + word);
        }

        pos += word.Length;
    }

    private Dictionary<string, object?> Obj()
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        pos++;
        Skip();
        if (text[pos] == '}')
        {
            pos++;
            return d;
        }

        while (true)
        {
            Skip();
            var key = Str();
            Skip();
            if (text[pos++] != ':')
            {
                throw Error("expected ':'");
            }

            d[key] = Value();
            Skip();
            var c = text[pos++];
            if (c == '}')
            {
                return d;
            }

            if (c != ',')
            {
                throw Error("expected ',' or '}'");
            }
        }
    }

    private List<object?> Arr()
    {
        var l = new List<object?>();
        pos++;
        Skip();
        if (text[pos] == ']')
        {
            pos++;
            return l;
        }

        while (true)
        {
            l.Add(Value());
            Skip();
            var c = text[pos++];
            if (c == ']')
            {
                return l;
            }

            if (c != ',')
            {
                throw Error("expected ',' or ']'");
            }
        }
    }

    private string Str()
    {
        if (text[pos] != '"')
        {
            throw Error("expected string");
        }

        pos++;
        var sb = new StringBuilder();
        while (pos < text.Length)
        {
            var c = text[pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            var e = text[pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    sb.Append((char)int.Parse(text.Substring(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    pos += 4;
                    break;
                default: sb.Append(e); break;
            }
        }

        throw Error("unterminated string");
    }
}
