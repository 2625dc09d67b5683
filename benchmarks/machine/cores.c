// Are the machine's two vCPUs two cores or two hyperthreads of one? A throughput-bound loop of
// 512-bit fused multiply-adds (8 independent chains) and a latency-bound one (1 chain), the same
// work on one thread and then on each of two: two cores give about 2x the throughput, two
// hyperthreads of one core about 1x for the throughput-bound loop (docs/performance.md, ninth session).
//   gcc -O2 -mavx512f -mfma -pthread cores.c -o cores && ./cores
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
static long N = 8000000000;
static int mode;
static double sink;
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static void* work(void* arg){
  __m512d a=_mm512_set1_pd(1.0000001),b=_mm512_set1_pd(0.9999999);
  __m512d c0=_mm512_set1_pd(1),c1=c0,c2=c0,c3=c0,c4=c0,c5=c0,c6=c0,c7=c0;
  if(mode==0){ for(long i=0;i<N/8;i++){c0=_mm512_fmadd_pd(c0,a,b);c1=_mm512_fmadd_pd(c1,a,b);c2=_mm512_fmadd_pd(c2,a,b);c3=_mm512_fmadd_pd(c3,a,b);c4=_mm512_fmadd_pd(c4,a,b);c5=_mm512_fmadd_pd(c5,a,b);c6=_mm512_fmadd_pd(c6,a,b);c7=_mm512_fmadd_pd(c7,a,b);} }
  else { for(long i=0;i<N/8;i++){c0=_mm512_fmadd_pd(c0,a,b);} }
  c0=_mm512_add_pd(c0,_mm512_add_pd(c1,_mm512_add_pd(c2,_mm512_add_pd(c3,_mm512_add_pd(c4,_mm512_add_pd(c5,_mm512_add_pd(c6,c7)))))));
  double r[8]; _mm512_storeu_pd(r,c0); sink+=r[0]; return 0;
}
int main(){
  for(mode=0;mode<2;mode++){
    double t0=now(); work(0); double t1=now();
    pthread_t th[2]; double t2=now(); for(int i=0;i<2;i++) pthread_create(&th[i],0,work,0); for(int i=0;i<2;i++) pthread_join(th[i],0); double t3=now();
    printf("%s: 1 thread %.3f s, 2 threads %.3f s (each the same work) -> %.2fx throughput\n", mode==0?"8 chains (throughput)":"1 chain (latency)", t1-t0, t3-t2, 2*(t1-t0)/(t3-t2));
  }
  return 0;
}
