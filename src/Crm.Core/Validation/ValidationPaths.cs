using System.Text;

namespace Crm.Validation;

/// <summary>Turns FluentValidation property paths (<c>ContactPoints[0].Value</c>) into JSON contract paths (<c>contactPoints[0].value</c>).</summary>
internal static class ValidationPaths
{
    public static string ToJsonPath(string propertyPath)
    {
        var builder = new StringBuilder(propertyPath.Length);
        var startOfSegment = true;
        foreach (var c in propertyPath)
        {
            builder.Append(startOfSegment ? char.ToLowerInvariant(c) : c);
            startOfSegment = c == '.';
        }

        return builder.ToString();
    }
}
