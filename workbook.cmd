@echo off
rem Starts the Java concurrency workbook on Windows. Best effort: the bash launcher "workbook" is
rem the reference and does the same steps (find a JDK 21+, build the runner when its sources
rem changed, start it with the exercise packages kept out of the JIT).
setlocal enabledelayedexpansion
set "ROOT=%~dp0"
set "ROOT=%ROOT:~0,-1%"
set "MINIMUM=21"
set "JDK="

if defined JAVA_HOME call :consider "%JAVA_HOME%"
if not defined JDK for /d %%H in ("%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Java\*" "%ProgramFiles%\Microsoft\jdk-*" "%ProgramFiles%\Zulu\*" "%USERPROFILE%\.jdks\*") do (
  if not defined JDK call :consider "%%~H"
)
if not defined JDK (
  echo The workbook needs a JDK ^(not only a JRE^) of version %MINIMUM% or newer, and none was found in JAVA_HOME,
  echo Program Files or %USERPROFILE%\.jdks. Install one, for example Eclipse Temurin 21 or 25 from https://adoptium.net,
  echo then run workbook again. If it is installed somewhere else, set JAVA_HOME to its folder.
  exit /b 1
)

set "BUILD=%ROOT%\target\workbook"
set "CLASSPATH_FILE=%BUILD%\runtime-classpath.txt"
set "REBUILD="
if not exist "%CLASSPATH_FILE%" set "REBUILD=1"
if not defined REBUILD (
  for /f "delims=" %%F in ('powershell -NoProfile -Command "$stamp=(Get-Item '%CLASSPATH_FILE%').LastWriteTime; @(Get-ChildItem -Recurse '%ROOT%\src\main' -File) + @(Get-Item '%ROOT%\pom.xml') | Where-Object { $_.LastWriteTime -gt $stamp } | Select-Object -First 1"') do set "REBUILD=1"
)
if defined REBUILD (
  rem Maven when it is installed, else the Maven Wrapper, which downloads Maven once into %USERPROFILE%\.m2\wrapper.
  set "MAVEN=%ROOT%\mvnw.cmd"
  where mvn >nul 2>nul && set "MAVEN=mvn"
  if not exist "%BUILD%" mkdir "%BUILD%"
  echo Building the workbook runner ^(only when its sources change; the first build downloads libraries^)...
  set "JAVA_HOME=%JDK%"
  call "%MAVEN%" -q -B -f "%ROOT%\pom.xml" process-resources compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath "-Dmdep.outputFile=%CLASSPATH_FILE%" -Dmdep.includeScope=runtime > "%BUILD%\build.log" 2>&1
  if errorlevel 1 (
    type "%BUILD%\build.log"
    del "%CLASSPATH_FILE%" 2>nul
    echo The runner did not build; the Maven output above says why. Your exercises are untouched.
    exit /b 1
  )
  del "%BUILD%\runner.jar" "%BUILD%\runner.jsa" 2>nul
  "%JDK%\bin\jar" --create --file "%BUILD%\runner.jar" -C "%ROOT%\target\classes" .
)

set /p DEPENDENCIES=<"%CLASSPATH_FILE%"
set "MAIN=workbook.runner.WorkbookCommand"
if defined WORKBOOK_MAIN_CLASS set "MAIN=%WORKBOOK_MAIN_CLASS%"
rem Watch mode (no command) exits with 75 when a check left threads running that it could not stop:
rem only a new JVM frees the cores they take, so the runner starts again with the same arguments.
:run
"%JDK%\bin\java" "@%ROOT%\src\main\jvm\exercise-jit.options" ^
  -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=%BUILD%\runner.jsa" ^
  -Xlog:cds=off -Xlog:cds+dynamic=off "-Dworkbook.home=%ROOT%" -cp "%BUILD%\runner.jar;%DEPENDENCIES%" %MAIN% %*
if %errorlevel% equ 75 goto run
exit /b %errorlevel%

:consider
rem Sets JDK to %1 when it holds a JDK whose release file says version MINIMUM or newer.
if not exist "%~1\bin\javac.exe" exit /b 0
if not exist "%~1\release" exit /b 0
for /f "tokens=2 delims==" %%V in ('findstr /b "JAVA_VERSION=" "%~1\release"') do set "VERSION=%%~V"
for /f "tokens=1 delims=." %%M in ("%VERSION%") do set "MAJOR=%%M"
if !MAJOR! GEQ %MINIMUM% set "JDK=%~1"
exit /b 0
