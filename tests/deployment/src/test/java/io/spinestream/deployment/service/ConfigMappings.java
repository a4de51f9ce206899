package io.spinestream.deployment.service;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The properties of the {@code @ConfigMapping} interfaces under a source root, read from source:
 * prefix, then each method in kebab case ({@code @WithName} and {@code @WithParentName} honoured),
 * nested groups followed, {@code @WithDefault} kept.
 */
public final class ConfigMappings {

    /** One leaf property of a mapping. */
    public record Property(String name, Optional<String> defaultValue, String type, String declaredIn) {
    }

    private ConfigMappings() {
    }

    public static List<Property> read(Path sourceRoot) {
        if (!Files.isDirectory(sourceRoot)) {
            return List.of();
        }
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        List<Property> properties = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (!source.contains("@ConfigMapping")) {
                    continue;
                }
                CompilationUnit unit = StaticJavaParser.parse(source);
                Map<String, ClassOrInterfaceDeclaration> interfaces = unit.findAll(ClassOrInterfaceDeclaration.class)
                        .stream().filter(ClassOrInterfaceDeclaration::isInterface)
                        .collect(Collectors.toMap(d -> d.getNameAsString(), d -> d, (a, b) -> a));
                for (ClassOrInterfaceDeclaration mapping : interfaces.values()) {
                    Optional<AnnotationExpr> annotation = mapping.getAnnotationByName("ConfigMapping");
                    if (annotation.isPresent()) {
                        String prefix = member(annotation.get(), "prefix").orElse("");
                        walk(mapping, prefix, interfaces, file.getFileName().toString(), properties);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static void walk(ClassOrInterfaceDeclaration group, String prefix,
                             Map<String, ClassOrInterfaceDeclaration> interfaces, String file, List<Property> out) {
        for (MethodDeclaration method : group.getMethods()) {
            if (method.isDefault() || method.isStatic() || !method.getParameters().isEmpty()) {
                continue;
            }
            String segment = method.getAnnotationByName("WithParentName").isPresent() ? ""
                    : method.getAnnotationByName("WithName").flatMap(a -> member(a, "value"))
                    .orElse(kebab(method.getNameAsString()));
            String name = segment.isEmpty() ? prefix : prefix.isEmpty() ? segment : prefix + "." + segment;
            Optional<ClassOrInterfaceDeclaration> nested = groupType(method.getType(), interfaces);
            if (nested.isPresent()) {
                walk(nested.get(), name, interfaces, file, out);
            } else {
                Optional<String> defaultValue = method.getAnnotationByName("WithDefault").flatMap(a -> member(a, "value"));
                out.add(new Property(name, defaultValue, method.getType().asString(), file));
            }
        }
    }

    private static Optional<ClassOrInterfaceDeclaration> groupType(Type type, Map<String, ClassOrInterfaceDeclaration> interfaces) {
        if (!type.isClassOrInterfaceType()) {
            return Optional.empty();
        }
        ClassOrInterfaceType t = type.asClassOrInterfaceType();
        if (t.getNameAsString().equals("Optional") && t.getTypeArguments().isPresent()) {
            return groupType(t.getTypeArguments().get().get(0), interfaces);
        }
        return Optional.ofNullable(interfaces.get(t.getNameAsString()));
    }

    private static Optional<String> member(AnnotationExpr annotation, String name) {
        Expression value = null;
        if (annotation instanceof SingleMemberAnnotationExpr single && name.equals("value")) {
            value = single.getMemberValue();
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            value = normal.getPairs().stream().filter(p -> p.getNameAsString().equals(name))
                    .map(MemberValuePair::getValue).findFirst().orElse(null);
        }
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isStringLiteralExpr()) {
            throw new IllegalStateException("annotation member " + name + " is not a string literal: " + annotation);
        }
        return Optional.of(value.asStringLiteralExpr().asString());
    }

    /** SmallRye's default naming: {@code maxRetryAfter} → {@code max-retry-after}, {@code rateHz} → {@code rate-hz}. */
    static String kebab(String method) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(method.charAt(i - 1));
                boolean endsAcronym = i > 0 && i + 1 < method.length() && Character.isUpperCase(method.charAt(i - 1))
                        && Character.isLowerCase(method.charAt(i + 1));
                if (afterLower || endsAcronym) {
                    b.append('-');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
