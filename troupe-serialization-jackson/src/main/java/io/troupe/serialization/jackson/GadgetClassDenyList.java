package io.troupe.serialization.jackson;

import com.fasterxml.jackson.databind.jsontype.impl.SubTypeValidator;
import java.util.Set;

/**
 * Classes that must never be deserialized, whatever the bindings say: Jackson's own list of known deserialization
 * gadgets (kept current by Jackson releases), C3P0 data sources and Spring's pointcut advisors and application
 * contexts, as Pekko checks. A second line of defence behind the rule that only classes bound to a Jackson serializer
 * are read. Subclasses {@link SubTypeValidator} only to reach its protected list.
 */
final class GadgetClassDenyList extends SubTypeValidator {
  private static final Set<String> DENIED = SubTypeValidator.DEFAULT_NO_DESER_CLASS_NAMES;
  private static final String PREFIX_SPRING = "org.springframework.";
  private static final String PREFIX_C3P0 = "com.mchange.v2.c3p0.";

  static final GadgetClassDenyList INSTANCE = new GadgetClassDenyList();

  private GadgetClassDenyList() {}

  boolean isAllowedClassName(String className) {
    if (DENIED.contains(className)) return false;
    return !(className.startsWith(PREFIX_C3P0) && className.endsWith("DataSource"));
  }

  boolean isAllowedClass(Class<?> clazz) {
    if (!clazz.getName().startsWith(PREFIX_SPRING)) return true;
    for (Class<?> c = clazz; c != null && c != Object.class; c = c.getSuperclass()) {
      String n = c.getSimpleName();
      if (n.equals("AbstractPointcutAdvisor") || n.equals("AbstractApplicationContext")) return false;
    }
    return true;
  }
}
