// Run by mvn jshell:run only when Maven itself runs on a Java older than 21 (the profile
// jshell-on-an-old-jdk in pom.xml): that JShell cannot load the workbook's classes, so say what works and stop.
System.out.println("""

    mvn jshell:run opens JShell inside Maven's own Java, which here is Java %s; the workbook's
    classes are compiled for Java 21, so this JShell cannot load them (every snippet would end in
    "cannot find symbol"). The quick way is ./workbook jshell (./workbook jshell 02 runs lesson 02's
    script first): it finds a JDK 21 or newer by itself. To use Maven, run Maven itself on a JDK 21
    or newer, for example: JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -q compile jshell:run
    (put the folder of your JDK 21+ after JAVA_HOME=; on Windows: set JAVA_HOME=C:\\path\\to\\jdk-21,
    then mvn -q compile jshell:run).
    """.formatted(System.getProperty("java.version")));
/exit 1
